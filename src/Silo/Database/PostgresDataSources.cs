using Npgsql;

namespace MonEspaceSante.Silo.Database;

/// <summary>The two Npgsql pools of a process (see <see cref="PostgresSettings"/>).</summary>
public sealed class PostgresDataSources : IAsyncDisposable
{
    private PostgresDataSources(NpgsqlDataSource orleans, NpgsqlDataSource data)
    {
        Orleans = orleans;
        Data = data;
    }

    /// <summary>Used by the Orleans ADO.NET providers.</summary>
    public NpgsqlDataSource Orleans { get; }

    /// <summary>Used by our own tables (migrations, streams, outbox, time series).</summary>
    public NpgsqlDataSource Data { get; }

    public static PostgresDataSources Create(string connectionString, PostgresSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new PostgresDataSources(
            Build(connectionString, settings.OrleansPoolSize, "mes-orleans"),
            Build(connectionString, settings.DataPoolSize, "mes-data"));
    }

    private static NpgsqlDataSource Build(string connectionString, int poolSize, string applicationName)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.MaxPoolSize = poolSize;

        // Our code leaves no session state behind: skip the DISCARD ALL round trip on every return to the pool.
        builder.ConnectionStringBuilder.NoResetOnClose = true;

        // The same few statements run thousands of times a second (stream appends, readings, identifier checks, reads):
        // prepared on each connection after their third use, PostgreSQL parses and plans them once.
        builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        builder.ConnectionStringBuilder.AutoPrepareMinUsages = 3;
        builder.ConnectionStringBuilder.ApplicationName ??= applicationName;
        builder.Name = applicationName;
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        await Orleans.DisposeAsync();
        await Data.DisposeAsync();
    }
}
