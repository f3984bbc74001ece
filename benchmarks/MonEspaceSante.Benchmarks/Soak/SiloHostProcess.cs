using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MonEspaceSante.Benchmarks.Soak;

/// <summary>
/// The real silo (src/Silo, <c>Mes:Role=Silo</c>, as production runs it) in a process of its own, so that it can be
/// SIGKILLed; ready once its <c>/health/ready</c> answers 200.
/// </summary>
public sealed class SiloHostProcess : IAsyncDisposable
{
    private readonly Process process;

    private SiloHostProcess(Process process, string name)
    {
        this.process = process;
        Name = name;
    }

    public string Name { get; }

    public static async Task<SiloHostProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var (http, silo, gateway) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MonEspaceSante.Silo.dll"));
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{http}";
        start.Environment["Orleans__SiloPort"] = silo.ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start silo {name}.");
        // Their logs (warnings and above) are drained so that a full pipe never blocks a silo; the run reports answers, not logs.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Silo {name} exited with {process.ExitCode} before it was ready.");
            }

            try
            {
                if ((await probe.GetAsync(new Uri($"http://127.0.0.1:{http}/health/ready"))).IsSuccessStatusCode)
                {
                    return new SiloHostProcess(process, name);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"Silo {name} was not ready within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>SIGKILL: nothing of the silo's shutdown runs.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
