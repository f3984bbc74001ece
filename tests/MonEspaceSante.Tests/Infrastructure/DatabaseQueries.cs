using Npgsql;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>Reading counts straight from PostgreSQL, to assert on what is really stored; writing rows a test needs as they would be stored.</summary>
public static class DatabaseQueries
{
    public static async Task<long> CountAsync(this NpgsqlDataSource database, string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(this NpgsqlDataSource database, string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
