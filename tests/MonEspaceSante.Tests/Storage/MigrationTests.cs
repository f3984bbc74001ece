using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.Postgres.Schema;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;

namespace MonEspaceSante.Tests.Storage;

public sealed class MigrationTests
{
    private static async Task<(NpgsqlDataSource DataSource, PostgresMigrator Migrator)> FreshAsync()
    {
        var server = await PostgresServer.GetAsync();
        var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("migrations"));
        return (dataSource, new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance));
    }

    [Fact]
    public async Task Migrating_a_fresh_database_applies_every_shipped_migration_in_order()
    {
        var (dataSource, migrator) = await FreshAsync();
        await using var _ = dataSource;

        var applied = await migrator.MigrateAsync();

        applied.Should().Equal(PostgresMigrator.Shipped.Select(m => m.Version));
        applied.Should().BeInAscendingOrder();
        (await ScalarAsync<long>(dataSource, "SELECT count(*) FROM mes_schema_migrations")).Should().Be(PostgresMigrator.Shipped.Count);
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        var (dataSource, migrator) = await FreshAsync();
        await using var _ = dataSource;
        await migrator.MigrateAsync();
        var before = await SchemaFingerprintAsync(dataSource);

        var second = await migrator.MigrateAsync();

        second.Should().BeEmpty();
        (await SchemaFingerprintAsync(dataSource)).Should().Be(before);
    }

    [Fact]
    public async Task Stream_payloads_are_compressed_with_lz4_where_the_server_has_it()
    {
        var (dataSource, migrator) = await FreshAsync();
        await using var _ = dataSource;
        await migrator.MigrateAsync();

        var hasLz4 = await ScalarAsync<bool>(dataSource, "SELECT 'lz4' = ANY (enumvals) FROM pg_settings WHERE name = 'default_toast_compression'");
        var methods = await ScalarAsync<string>(dataSource, """
            SELECT string_agg(c.relname || ':' || a.attcompression::text, ',' ORDER BY c.relname)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relname IN ('mes_stream_queue', 'mes_stream_dead_letter') AND a.attname = 'payload'
            """);

        methods.Should().Be(hasLz4 ? "mes_stream_dead_letter:l,mes_stream_queue:l" : "mes_stream_dead_letter:,mes_stream_queue:");
    }

    [Fact]
    public async Task Each_migration_file_can_run_again_harmlessly()
    {
        var (dataSource, migrator) = await FreshAsync();
        await using var _ = dataSource;
        await migrator.MigrateAsync();
        var before = await SchemaFingerprintAsync(dataSource);

        foreach (var migration in PostgresMigrator.Shipped)
        {
            await using var command = dataSource.CreateCommand(migration.Sql);
            await command.ExecuteNonQueryAsync();
        }

        (await SchemaFingerprintAsync(dataSource)).Should().Be(before);
    }

    [Fact]
    public async Task Concurrent_silos_starting_together_apply_each_migration_once()
    {
        var (dataSource, _) = await FreshAsync();
        await using var __ = dataSource;

        var results = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync()));

        results.SelectMany(r => r).Should().Equal(PostgresMigrator.Shipped.Select(m => m.Version));
    }

    [Fact]
    public async Task An_applied_migration_whose_text_changed_stops_the_start()
    {
        var (dataSource, migrator) = await FreshAsync();
        await using var _ = dataSource;
        await migrator.MigrateAsync();
        await using (var tamper = dataSource.CreateCommand("UPDATE mes_schema_migrations SET checksum = 'edited' WHERE version = 1"))
        {
            await tamper.ExecuteNonQueryAsync();
        }

        var act = () => migrator.MigrateAsync();

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*0001_orleans*another text*");
    }

    [Fact]
    public async Task Orleans_query_catalogue_holds_every_key_the_providers_require()
    {
        var (dataSource, migrator) = await FreshAsync();
        await using var _ = dataSource;
        await migrator.MigrateAsync();

        var keys = new List<string>();
        await using (var command = dataSource.CreateCommand("SELECT querykey FROM orleansquery"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        keys.Should().Contain(
        [
            "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
            "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
            "CleanupDefunctSiloEntriesKey", "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
            "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
            "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ]);
    }

    [Fact]
    public async Task Keying_readings_by_their_observation_id_keeps_the_first_of_a_reused_identifier_and_then_refuses_a_second()
    {
        var (dataSource, _) = await FreshAsync();
        await using var __ = dataSource;
        foreach (var migration in PostgresMigrator.Shipped.Where(m => m.Version < 13))
        {
            await ExecuteAsync(dataSource, migration.Sql);
        }

        // Before 0013 an identifier could be stored twice in a month (rows older than 0012's check).
        await ExecuteAsync(dataSource, """
            SELECT mes_ensure_measurement_partition('2026-01-01');
            INSERT INTO mes_measurement (ins, type, effective_at, app_id, reading_key, value, code, received_at, observation_id) VALUES
              ('1', 0, '2026-01-05', 'app', 'id:s|a', 70, '29463-7', '2026-01-05', '00000000-0000-0000-0000-00000000000a'),
              ('1', 0, '2026-01-06', 'app', 'id:s|a', 75, '29463-7', '2026-01-06', '00000000-0000-0000-0000-00000000000a'),
              ('1', 0, '2026-01-06', 'app', 'id:s|b', 80, '29463-7', '2026-01-06', '00000000-0000-0000-0000-00000000000b')
            """);

        await ExecuteAsync(dataSource, PostgresMigrator.Shipped.Single(m => m.Version == 13).Sql);
        await ExecuteAsync(dataSource, """
            SELECT mes_ensure_measurement_partition('2026-02-01');
            INSERT INTO mes_measurement (ins, type, effective_at, app_id, reading_key, value, code, observation_id) VALUES
              ('1', 0, '2026-01-07', 'app', 'id:s|b', 81, '29463-7', '00000000-0000-0000-0000-00000000000b'),
              ('1', 0, '2026-02-07', 'app', 'id:s|c', 90, '29463-7', '00000000-0000-0000-0000-00000000000c'),
              ('1', 0, '2026-02-08', 'app', 'id:s|c', 91, '29463-7', '00000000-0000-0000-0000-00000000000c')
            ON CONFLICT DO NOTHING
            """);

        (await ScalarAsync<string>(dataSource, "SELECT string_agg(value::text, ',' ORDER BY value) FROM mes_measurement")).Should().Be("70,80,90",
            "the first received of a reused identifier stays; afterwards each month's partition refuses a second");
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Tables, columns, functions, indexes and named queries, as one comparable string.</summary>
    private static Task<string> SchemaFingerprintAsync(NpgsqlDataSource dataSource) => ScalarAsync<string>(dataSource, """
        SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
            SELECT table_name || '.' || column_name || ':' || data_type AS x FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL SELECT 'fn:' || p.oid::regprocedure::text || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
            UNION ALL SELECT 'ix:' || indexname || md5(indexdef) FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL SELECT 'q:' || querykey || md5(querytext) FROM orleansquery
            UNION ALL SELECT 'm:' || version || name || checksum FROM mes_schema_migrations
        ) s
        """);
}
