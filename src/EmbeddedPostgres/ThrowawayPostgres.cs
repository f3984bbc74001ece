using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MonEspaceSante.EmbeddedPostgres;

/// <summary>
/// A private PostgreSQL server started from the local binaries: own data directory under the temp
/// folder, own port, 127.0.0.1 only, stopped and deleted on dispose or at process exit. The
/// embedded default keeps our own tables in one (nothing survives the process), tests and
/// benchmarks start one each run. PostgreSQL refuses to run as root: as root, the server runs as the
/// <c>postgres</c> OS user. A process whose environment is Production never starts one: what it would
/// acknowledge is deleted at exit.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    public const string DefaultBinaries = "/usr/lib/postgresql/15/bin";

    private readonly string bin;
    private readonly string directory;
    private readonly bool asRoot;
    private int stopped;

    private ThrowawayPostgres(string bin, string directory, bool asRoot, int port)
    {
        this.bin = bin;
        this.directory = directory;
        this.asRoot = asRoot;
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    /// <summary>A superuser connection to the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    public string DataDirectory => Path.Combine(directory, "data");

    /// <summary>Where the server binaries are (<c>MES_PG_BIN</c>, else the Debian location), if they are there.</summary>
    public static string? FindBinaries()
    {
        var bin = Environment.GetEnvironmentVariable("MES_PG_BIN") ?? DefaultBinaries;
        return File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")) ? bin : null;
    }

    /// <summary>
    /// Starts a server. <paramref name="durable"/> keeps fsync and synchronous commit (benchmarks);
    /// otherwise they are off, for speed.
    /// </summary>
    public static async Task<ThrowawayPostgres> StartAsync(bool durable, CancellationToken cancellationToken = default)
    {
        if (IsProductionProcess())
        {
            throw new InvalidOperationException("A throwaway PostgreSQL server is refused in a Production process (DOTNET_ENVIRONMENT or ASPNETCORE_ENVIRONMENT).");
        }

        var bin = FindBinaries() ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries not found in {Environment.GetEnvironmentVariable("MES_PG_BIN") ?? DefaultBinaries} (install postgresql-15, or set MES_PG_BIN).");
        await RemoveLeftoversAsync(bin, cancellationToken);
        var directory = Path.Combine(Path.GetTempPath(), $"mes-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory], asRoot: false, cancellationToken);
        }

        var port = FreePort();
        var server = new ThrowawayPostgres(bin, directory, asRoot, port);
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"], asRoot, cancellationToken);
        var settings = new List<string> { $"-p {port}", "-c listen_addresses=127.0.0.1", $"-k {directory}", "-c max_connections=400", "-c shared_buffers=256MB" };
        // Durable servers (benchmarks) run as production should: WAL compressed, since a wave's random
        // writes log a full page image for nearly every page after each checkpoint (docs/operations.md).
        settings.AddRange(durable
            ? ["-c max_wal_size=4GB", "-c checkpoint_timeout=15min", "-c wal_compression=lz4", "-c shared_preload_libraries=pg_stat_statements"]
            : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]);
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            ["-D", server.DataDirectory, "-o", string.Join(' ', settings), "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"],
            asRoot, cancellationToken);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    /// <summary>Whether this process runs in the Production environment, as the .NET hosts read it from the environment.</summary>
    public static bool IsProductionProcess() =>
        new[] { "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT" }.Any(v => string.Equals(Environment.GetEnvironmentVariable(v), "Production", StringComparison.OrdinalIgnoreCase));

    /// <summary>A connection string to a new, empty database on this server.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        try
        {
            RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asRoot, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to stop.
        }

        DeleteDirectory(directory);
    }

    /// <summary>Servers of processes that died without stopping them: stop them and delete their directories.</summary>
    private static async Task RemoveLeftoversAsync(string bin, CancellationToken cancellationToken)
    {
        foreach (var leftover in Directory.EnumerateDirectories(Path.GetTempPath(), "mes-pg-*"))
        {
            var parts = Path.GetFileName(leftover).Split('-');
            if (parts.Length < 3 || !int.TryParse(parts[2], out var owner) || IsAlive(owner))
            {
                continue;
            }

            var data = Path.Combine(leftover, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try
                {
                    await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], Environment.UserName == "root", cancellationToken);
                }
                catch (InvalidOperationException)
                {
                    // Not running.
                }
            }

            DeleteDirectory(leftover);
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void DeleteDirectory(string path)
    {
        // The server may still be writing its last files just after stopping: try a few times.
        for (var attempt = 0; attempt < 5 && Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asRoot, CancellationToken cancellationToken)
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
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
