using System.Diagnostics;
using System.Text;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>A silo in its own OS process (the fault-test silo host), so that it can really be killed (SIGKILL).</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder output = new();

    private SiloProcess(Process process)
    {
        this.process = process;
    }

    public int SiloPort { get; private init; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a fault-test silo. <paramref name="productionFailureDetection"/> keeps the membership settings production
    /// has (a killed silo declared dead within 10 s); otherwise a faster detection keeps the other kill tests short.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string connectionString, string clusterId, TimeSpan timeout, bool productionFailureDetection = false)
    {
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "MonEspaceSante.FaultSilo.dll"));
        var siloPort = FreePorts.Next();
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["Orleans__ClusterId"] = clusterId;
        start.Environment["Orleans__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__MonEspaceSante"] = "Information";
        start.Environment["DOTNET_gcServer"] = "0";

        // These silos are killed to measure failover: writing every wave's e-mails to a folder would weigh on those timings.
        start.Environment["Notices__Delivery__Enabled"] = "false";
        if (!productionFailureDetection)
        {
            start.Environment["Orleans__ProbeTimeout"] = "00:00:01";
            start.Environment["Orleans__MissedProbesLimit"] = "2";
            start.Environment["Orleans__VotesForDeathDeclaration"] = "1";
            start.Environment["Orleans__TableRefreshTimeout"] = "00:00:02";
            start.Environment["Orleans__IAmAlivePublishTimeout"] = "00:00:30";
            start.Environment["Orleans__DeathVoteExpiration"] = "00:02:00";
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the fault-test silo.");
        var silo = new SiloProcess(process) { SiloPort = siloPort };
        process.OutputDataReceived += (_, e) => silo.Record(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var finished = await Task.WhenAny(silo.ready.Task, process.WaitForExitAsync(), Task.Delay(timeout));
        if (finished != silo.ready.Task)
        {
            await silo.DisposeAsync();
            throw new InvalidOperationException($"The fault-test silo did not become ready within {timeout.TotalSeconds:0} s. Output:\n{silo.Output}");
        }

        return silo;
    }

    /// <summary>SIGKILL: no shutdown code runs, leased rows and activations are simply gone.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (line.Trim() == "READY")
        {
            ready.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
