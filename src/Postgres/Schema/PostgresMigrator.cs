using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MonEspaceSante.Postgres.Schema;

/// <summary>
/// Applies the versioned SQL files of <c>Schema/Migrations</c> (embedded, named <c>NNNN_name.sql</c>)
/// in order, each in its own transaction, and records them in <c>mes_schema_migrations</c>. A
/// session advisory lock serialises silos that start together; an applied file whose text changed
/// stops the start, since the database no longer matches the code.
/// </summary>
public sealed partial class PostgresMigrator(NpgsqlDataSource dataSource, ILogger<PostgresMigrator> logger)
{
    // Any constant shared by all silos of the deployment; "MES" in ASCII.
    private const long AdvisoryLockKey = 0x4D4553;

    public sealed record Migration(int Version, string Name, string Sql, string Checksum);

    /// <summary>The migrations shipped in this build, in version order.</summary>
    public static IReadOnlyList<Migration> Shipped { get; } = LoadShipped();

    /// <summary>Applies what is missing; returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var applied = new List<int>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await ApplyMissingAsync(connection, applied, cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", AdvisoryLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }

        return applied;
    }

    private async Task ApplyMissingAsync(NpgsqlConnection connection, List<int> applied, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(
            """
            CREATE TABLE IF NOT EXISTS mes_schema_migrations (
                version     integer     PRIMARY KEY,
                name        text        NOT NULL,
                checksum    text        NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            );
            """, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var migration in Shipped)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            string? recorded;
            await using (var check = new NpgsqlCommand("SELECT checksum FROM mes_schema_migrations WHERE version = @v", connection, transaction))
            {
                check.Parameters.AddWithValue("v", migration.Version);
                recorded = (string?)await check.ExecuteScalarAsync(cancellationToken);
            }

            if (recorded is not null)
            {
                if (recorded != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Version:0000}_{migration.Name} was applied with another text (checksum {recorded}, now {migration.Checksum}). Applied migrations must never change: add a new one.");
                }

                await transaction.CommitAsync(cancellationToken);
                continue;
            }

            await using (var apply = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                apply.CommandTimeout = 300;
                await apply.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand(
                "INSERT INTO mes_schema_migrations (version, name, checksum) VALUES (@v, @n, @c)", connection, transaction))
            {
                record.Parameters.AddWithValue("v", migration.Version);
                record.Parameters.AddWithValue("n", migration.Name);
                record.Parameters.AddWithValue("c", migration.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            LogApplied(logger, migration.Version, migration.Name);
            applied.Add(migration.Version);
        }
    }

    private static List<Migration> LoadShipped()
    {
        var assembly = typeof(PostgresMigrator).Assembly;
        var prefix = typeof(PostgresMigrator).Namespace + ".Migrations.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..^4];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName[..separator], out var version))
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            }

            var sql = Read(assembly, resource);
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))))[..16];
            migrations.Add(new Migration(version, fileName[(separator + 1)..], sql, checksum));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share version {migrations[i].Version}.");
            }
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
