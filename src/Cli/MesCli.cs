using System.CommandLine;
using MonEspaceSante.Cli.Login;
using MonEspaceSante.Cli.Notices;
using MonEspaceSante.Cli.Waves;
using Spectre.Console;

namespace MonEspaceSante.Cli;

/// <summary>
/// <c>mes</c>, the operator's tool: enrollment waves (create, upload, launch, follow) and the notice
/// outbox, over the server's HTTP API only.
/// </summary>
public static class MesCli
{
    /// <summary>
    /// Runs one command line with every message on <paramref name="console"/>. <paramref name="handlerFactory"/>
    /// gives the HTTP handler for a server address (tests pass an in-memory server's); by default, sockets.
    /// </summary>
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, Func<Uri, HttpMessageHandler>? handlerFactory = null) =>
        RunAsync(args, CliConsoles.Single(console), handlerFactory);

    public static Task<int> RunAsync(string[] args, CliConsoles consoles, Func<Uri, HttpMessageHandler>? handlerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(consoles);
        var context = new CliContext(consoles, handlerFactory ?? SocketsHandler);
        var root = new RootCommand("mes: operator tool of Mon espace santé (enrollment waves, notices).")
        {
            WaveCommands.Create(context),
            NoticeCommands.Create(context),
        };
        foreach (var command in LoginCommands.Create(context))
        {
            root.Subcommands.Add(command);
        }

        foreach (var option in context.Global.All)
        {
            root.Options.Add(option);
        }

        var invocation = new InvocationConfiguration
        {
            Output = consoles.Out.Profile.Out.Writer,
            Error = consoles.Error.Profile.Out.Writer,
        };
        return root.Parse(args).InvokeAsync(invocation);
    }

    private static HttpMessageHandler SocketsHandler(Uri address) => new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(15),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}
