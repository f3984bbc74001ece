using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Interfaces.Streams;
using Npgsql;

namespace MonEspaceSante.Grains.Erasure;

/// <summary>One person due for erasure, as <c>mes_erasure_due</c> holds them.</summary>
public sealed record ErasureDue(string Ins, DateTimeOffset DueAt, DateTimeOffset? ClosedAt, DateTimeOffset? RequestedAt);

/// <summary>What one batch of erasures deleted: people, rows over every table, contents freed.</summary>
public sealed record ErasureCounts(int People, long Rows, long ContentsFreed)
{
    public static ErasureCounts operator +(ErasureCounts a, ErasureCounts b) =>
        new(a.People + b.People, a.Rows + b.Rows, a.ContentsFreed + b.ContentsFreed);
}

/// <summary>
/// The due table, written by the person's grain as their space closes or reopens, and the erasure itself: one transaction
/// per batch of people deletes their rows from every table of <see cref="PersonData"/>, frees the contents nobody else
/// refers to, and leaves a tombstone per person (the INS's keyed hash and the dates).
/// </summary>
public sealed class ErasureStore(OwnTables tables)
{
    private const string Feature = "The erasure of closed spaces";

    private NpgsqlDataSource Database => tables.For(Feature);

    /// <summary>The person's space is due for erasure at <paramref name="dueAt"/> (a closure, a request, a request withdrawn).</summary>
    public async Task ScheduleAsync(string ins, DateTimeOffset dueAt, DateTimeOffset? closedAt, DateTimeOffset? requestedAt)
    {
        await using var command = Database.CreateCommand("""
            INSERT INTO mes_erasure_due (ins, due_at, closed_at, requested_at) VALUES (@ins, @due, @closed, @requested)
            ON CONFLICT (ins) DO UPDATE SET due_at = EXCLUDED.due_at, closed_at = EXCLUDED.closed_at, requested_at = EXCLUDED.requested_at
            """);
        command.Parameters.AddWithValue("ins", ins);
        command.Parameters.AddWithValue("due", dueAt.ToUniversalTime());
        command.Parameters.AddWithValue("closed", (object?)closedAt?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("requested", (object?)requestedAt?.ToUniversalTime() ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The person's space reopened: nothing is due.</summary>
    public async Task UnscheduleAsync(string ins)
    {
        await using var command = Database.CreateCommand("DELETE FROM mes_erasure_due WHERE ins = @ins");
        command.Parameters.AddWithValue("ins", ins);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first <paramref name="limit"/> people due at <paramref name="now"/>, soonest first.</summary>
    public async Task<IReadOnlyList<ErasureDue>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var command = Database.CreateCommand("""
            SELECT ins, due_at, closed_at, requested_at FROM mes_erasure_due WHERE due_at <= @now ORDER BY due_at, ins LIMIT @limit
            """);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("limit", limit);
        var due = new List<ErasureDue>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new ErasureDue(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return due;
    }

    /// <summary>
    /// Erases <paramref name="people"/> in one transaction: every person table, then the document contents and attachments
    /// that no other row refers to (their rows locked first, so that a deposit of the same bytes in flight is seen), then
    /// a tombstone each. Rows of other people are untouched.
    /// </summary>
    public async Task<ErasureCounts> EraseAsync(IReadOnlyList<ErasureDue> people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (people.Count == 0)
        {
            return new ErasureCounts(0, 0, 0);
        }

        var keys = new PersonKeys(people.Select(p => p.Ins).ToArray());
        await using var connection = await Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "SET LOCAL mes.erasure = 'on'", cancellationToken);
        var documents = await ShasAsync(connection, transaction,
            "SELECT DISTINCT sha256 FROM mes_document_locator WHERE ins = ANY(@ins) AND sha256 IS NOT NULL", keys, cancellationToken);
        var attachments = await ShasAsync(connection, transaction, """
            SELECT DISTINCT a->>'sha256' FROM mes_inbox_message m CROSS JOIN LATERAL jsonb_array_elements(m.attachments) a
            WHERE m.ins = ANY(@ins) AND a->>'sha256' IS NOT NULL
            """, keys, cancellationToken);
        long rows = 0;
        foreach (var table in PersonData.Tables.Where(t => t.Kind == PersonDataKind.PersonRows))
        {
            await using var delete = keys.Bind(new NpgsqlCommand($"DELETE FROM {table.Table} WHERE {table.Where}", connection, transaction), table.Where!);
            rows += await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var freed = await FreeAsync(connection, transaction, "mes_document_content", documents, """
            NOT EXISTS (SELECT 1 FROM mes_document_locator l WHERE l.sha256 = c.sha256 AND l.deleted_at IS NULL)
            AND NOT EXISTS (SELECT 1 FROM mes_document_locator l WHERE l.sha256 IS NULL)
            """, cancellationToken);
        freed += await FreeAsync(connection, transaction, "mes_inbox_attachment", attachments,
            "NOT EXISTS (SELECT 1 FROM mes_inbox_message m WHERE m.attachments @> jsonb_build_array(jsonb_build_object('sha256', c.sha256)))", cancellationToken);
        await using (var tombstones = new NpgsqlCommand("""
            INSERT INTO mes_erasure_tombstone (person_key, closed_at, requested_at, due_at)
            SELECT * FROM unnest(@keys, @closed, @requested, @due)
            ON CONFLICT (person_key) DO UPDATE SET closed_at = EXCLUDED.closed_at, requested_at = EXCLUDED.requested_at,
                due_at = EXCLUDED.due_at, erased_at = now()
            """, connection, transaction))
        {
            tombstones.Parameters.AddWithValue("keys", keys.Masks);
            tombstones.Parameters.AddWithValue("closed", people.Select(p => p.ClosedAt?.ToUniversalTime()).ToArray());
            tombstones.Parameters.AddWithValue("requested", people.Select(p => p.RequestedAt?.ToUniversalTime()).ToArray());
            tombstones.Parameters.AddWithValue("due", people.Select(p => p.DueAt.ToUniversalTime()).ToArray());
            await tombstones.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ErasureCounts(people.Count, rows, freed);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string[]> ShasAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, PersonKeys keys, CancellationToken cancellationToken)
    {
        await using var command = keys.Bind(new NpgsqlCommand(sql, connection, transaction), sql);
        var shas = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            shas.Add(reader.GetString(0));
        }

        return [.. shas];
    }

    /// <summary>Locks the rows of <paramref name="shas"/> in <paramref name="table"/> (in order), then deletes those <paramref name="unreferenced"/>.</summary>
    private static async Task<long> FreeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string[] shas, string unreferenced, CancellationToken cancellationToken)
    {
        if (shas.Length == 0)
        {
            return 0;
        }

        await using (var lockRows = new NpgsqlCommand($"SELECT sha256 FROM {table} WHERE sha256 = ANY(@shas) ORDER BY sha256 FOR UPDATE", connection, transaction))
        {
            lockRows.Parameters.AddWithValue("shas", shas);
            await using var reader = await lockRows.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // Read to the end: the locks are taken row by row.
            }
        }

        // A new statement, a new snapshot: a deposit that held a row's lock has committed its reference by now.
        await using var free = new NpgsqlCommand($"DELETE FROM {table} c WHERE c.sha256 = ANY(@shas) AND {unreferenced}", connection, transaction);
        free.Parameters.AddWithValue("shas", shas);
        return await free.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The keys a person's rows are found by, for a batch: INS, keyed hashes, grain ids, stream key patterns.</summary>
    private sealed class PersonKeys(string[] ins)
    {
        public string[] Masks { get; } = ins.Select(InsMask.Mask).ToArray();

        private string[] Grains { get; } = ins.Select(i => $"patient/{PatientKey.Prefix}{i}").ToArray();

        // Every stream of a person (enrollment, readings, live feeds) is keyed by the person's grain key, last in its id.
        private string[] StreamKeys { get; } = ins.Select(i => $"%/{PatientKey.Prefix}{i}").ToArray();

        // The pub-sub state of a live feed is keyed by its provider, namespace and key.
        private string[] LiveKeys { get; } = ins.SelectMany(i => StreamNames.LiveNamespaces.Select(n => $"{StreamNames.Live}/{n}/{PatientKey.Prefix}{i}")).ToArray();

        public NpgsqlCommand Bind(NpgsqlCommand command, string sql)
        {
            Add(command, sql, "ins", ins);
            Add(command, sql, "keys", Masks);
            Add(command, sql, "grains", Grains);
            Add(command, sql, "streamKeys", StreamKeys);
            Add(command, sql, "liveKeys", LiveKeys);
            return command;
        }

        private static void Add(NpgsqlCommand command, string sql, string name, string[] values)
        {
            if (sql.Contains('@' + name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, values);
            }
        }
    }
}
