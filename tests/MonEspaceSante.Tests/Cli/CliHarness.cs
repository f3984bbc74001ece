using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Cli;
using MonEspaceSante.Tests.Infrastructure;
using Spectre.Console;

namespace MonEspaceSante.Tests.Cli;

/// <summary>What one <c>mes</c> command line returned and printed.</summary>
public sealed record CliRun(int ExitCode, string Output);

/// <summary>A command line still running: what it printed so far, and its end.</summary>
public sealed class RunningCli(StringWriter output, Task<CliRun> completion)
{
    public Task<CliRun> Completion => completion;

    public string OutputSoFar => output.ToString();
}

/// <summary>Runs <c>mes</c> command lines in process against the in-memory application, as an operator.</summary>
public sealed class CliHarness(ApiFactory api)
{
    private readonly Lazy<string> operatorToken = new(() => api.Services.GetRequiredService<TokenIssuer>().Issue(MesRoles.Operator, "op-cli").Token);

    public string OperatorToken => operatorToken.Value;

    public Task<CliRun> RunAsync(params string[] args) => RunWithTokenAsync(OperatorToken, args);

    public Task<CliRun> RunWithTokenAsync(string? token, params string[] args)
    {
        var all = args.Concat(["--server", api.Server.BaseAddress.ToString()]);
        return RunAsync(token is null ? all : all.Concat(["--token", token]), _ => api.Server.CreateHandler());
    }

    /// <summary>Runs with a plain text console (no colours, no live displays) wide enough not to wrap tables.</summary>
    public static Task<CliRun> RunAsync(IEnumerable<string> args, Func<Uri, HttpMessageHandler>? handlerFactory) =>
        Start(args, handlerFactory).Completion;

    /// <summary>Starts a command line with the operator's token; its output can be read while it runs.</summary>
    public RunningCli Start(params string[] args) =>
        Start(args.Concat(["--server", api.Server.BaseAddress.ToString(), "--token", OperatorToken]), _ => api.Server.CreateHandler());

    private static RunningCli Start(IEnumerable<string> args, Func<Uri, HttpMessageHandler>? handlerFactory)
    {
        var output = new SharedWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
            Ansi = AnsiSupport.No,
        });
        console.Profile.Width = 200;
        return new RunningCli(output, RunAsync(args.ToArray(), console, handlerFactory, output));
    }

    private static async Task<CliRun> RunAsync(string[] args, IAnsiConsole console, Func<Uri, HttpMessageHandler>? handlerFactory, SharedWriter output)
    {
        using (output)
        {
            var exitCode = await MesCli.RunAsync(args, console, handlerFactory);
            return new CliRun(exitCode, output.ToString());
        }
    }

    /// <summary>The wave as the server reports it, read directly (not through the tool).</summary>
    public async Task<JsonElement> WaveAsync(string waveId)
    {
        using var client = api.ClientFor(MesRoles.Operator, "op-check");
        return await client.GetFromJsonAsync<JsonElement>($"/api/v1/waves/{waveId}");
    }

    public async Task<JsonElement> UploadAsync(string waveId, string uploadId)
    {
        using var client = api.ClientFor(MesRoles.Operator, "op-check");
        return await client.GetFromJsonAsync<JsonElement>($"/api/v1/waves/{waveId}/uploads/{uploadId}");
    }

    public static string NewWaveId() => $"w{Guid.NewGuid():N}"[..20];
}
