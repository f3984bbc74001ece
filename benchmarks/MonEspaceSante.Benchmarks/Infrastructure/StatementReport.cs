using System.Globalization;
using System.Text;
using Npgsql;
using Spectre.Console;

namespace MonEspaceSante.Benchmarks.Infrastructure;

/// <summary>Where PostgreSQL spent its time during a phase (pg_stat_statements), to see what to improve.</summary>
public static class StatementReport
{
    public static async Task ResetAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()");
        await command.ExecuteNonQueryAsync();
    }

    public static async Task PrintAsync(NpgsqlDataSource dataSource, string title, int top = 8)
    {
        var table = new Table().Title(title).AddColumns("statement", "calls", "rows", "total ms", "µs/row", "blocks read", "dirtied", "WAL MB", "full pages");
        await using var command = dataSource.CreateCommand("""
            SELECT left(regexp_replace(query, '\s+', ' ', 'g'), 90), calls, rows, total_exec_time,
                   shared_blks_read, shared_blks_dirtied, wal_bytes::float8 / 1048576, wal_fpi
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC LIMIT @top
            """);
        command.Parameters.AddWithValue("top", top);
        await using var reader = await command.ExecuteReaderAsync();
        // The same rows as Markdown too: a console narrower than the statements (a redirected output) cuts them in the table.
        var markdown = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"**{title}**").AppendLine()
            .AppendLine("| statement | calls | rows | total ms | µs/row | blocks read | dirtied | WAL MB | full pages |").AppendLine("|---|---|---|---|---|---|---|---|---|");
        while (await reader.ReadAsync())
        {
            var rows = reader.GetInt64(2);
            var total = reader.GetDouble(3);
            string[] cells =
            [
                reader.GetString(0),
                reader.GetInt64(1).ToString("N0", CultureInfo.InvariantCulture),
                rows.ToString("N0", CultureInfo.InvariantCulture),
                total.ToString("N0", CultureInfo.InvariantCulture),
                rows > 0 ? (1000 * total / rows).ToString("0.0", CultureInfo.InvariantCulture) : "-",
                reader.GetInt64(4).ToString("N0", CultureInfo.InvariantCulture),
                reader.GetInt64(5).ToString("N0", CultureInfo.InvariantCulture),
                reader.GetDouble(6).ToString("N0", CultureInfo.InvariantCulture),
                reader.GetInt64(7).ToString("N0", CultureInfo.InvariantCulture),
            ];
            table.AddRow([.. cells.Select(Markup.Escape)]);
            markdown.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))} |");
        }

        AnsiConsole.Write(table);
        Console.WriteLine();
        Console.WriteLine(markdown.ToString());
    }
}
