using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server for the whole test run, started from the local binaries (own
/// data directory under the temp folder, own port, 127.0.0.1 only) and stopped when the run ends.
/// When <c>MES_TEST_POSTGRES</c> holds a connection string, that server is used instead. Failing to
/// start is an error, never a skip: tests that need PostgreSQL must not pass without it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ExistingServerVariable = "MES_TEST_POSTGRES";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(() => StartAsync(durable: false), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string? dataDirectory;
    private readonly string? binDirectory;
    private readonly string? directory;
    private readonly bool asRoot;
    private int stopped;

    private PostgresServer(string adminConnectionString, string? dataDirectory, string? binDirectory, string? directory, bool asRoot)
    {
        AdminConnectionString = adminConnectionString;
        this.dataDirectory = dataDirectory;
        this.binDirectory = binDirectory;
        this.directory = directory;
        this.asRoot = asRoot;
    }

    /// <summary>A superuser connection to the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The server shared by every test of the run (fsync off: tests measure behaviour, not durability).</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>
    /// A server of its own, stopped on dispose. <paramref name="durable"/> keeps PostgreSQL's default
    /// fsync and synchronous commit, as benchmarks need; otherwise they are off for speed.
    /// </summary>
    public static Task<PostgresServer> StartNewAsync(bool durable) => StartAsync(durable);

    /// <summary>A connection string to a new, empty database on the shared server.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    private static async Task<PostgresServer> StartAsync(bool durable)
    {
        var existing = Environment.GetEnvironmentVariable(ExistingServerVariable);
        if (!string.IsNullOrWhiteSpace(existing))
        {
            return new PostgresServer(existing, null, null, null, false);
        }

        var bin = Environment.GetEnvironmentVariable("MES_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(bin, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL binaries not found in {bin} (set MES_PG_BIN, or {ExistingServerVariable} to use a running server). Tests that need PostgreSQL cannot run without it.");
        }

        var directory = Path.Combine(Path.GetTempPath(), $"mes-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // PostgreSQL refuses to run as root: the server runs as the postgres OS user.
            await RunAsync("chown", ["-R", "postgres:postgres", directory], asRoot: false);
        }

        var data = Path.Combine(directory, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"], asRoot);
        var port = FreePort();
        var settings = new List<string> { $"-p {port}", "-c listen_addresses=127.0.0.1", $"-k {directory}", "-c max_connections=400", "-c shared_buffers=256MB" };
        settings.AddRange(durable
            ? ["-c max_wal_size=4GB", "-c checkpoint_timeout=15min", "-c shared_preload_libraries=pg_stat_statements"]
            : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]);
        var options = string.Join(' ', settings);
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"], asRoot);

        var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", data, bin, directory, asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        if (dataDirectory is null || binDirectory is null || directory is null || Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        try
        {
            RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["-D", dataDirectory, "-m", "immediate", "-w", "stop"], asRoot).GetAwaiter().GetResult();
            Directory.Delete(directory, recursive: true);
        }
        catch (InvalidOperationException)
        {
            // The run is ending; a server that is already gone is fine.
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asRoot)
    {
        var start = new ProcessStartInfo(asRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asRoot)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
