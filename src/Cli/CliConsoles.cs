using Spectre.Console;

namespace MonEspaceSante.Cli;

/// <summary>
/// Where output goes: <paramref name="Out"/> for tables and summaries, <paramref name="Error"/> for
/// errors, <paramref name="Data"/> for exported data written to standard output. When data goes to
/// standard output, human messages go to <paramref name="Error"/> so that the data can be piped.
/// </summary>
public sealed record CliConsoles(IAnsiConsole Out, IAnsiConsole Error, TextWriter Data)
{
    /// <summary>One console for everything (tests).</summary>
    public static CliConsoles Single(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return new CliConsoles(console, console, console.Profile.Out.Writer);
    }

    /// <summary>The process's standard output and standard error.</summary>
    public static CliConsoles Standard() => new(
        AnsiConsole.Console,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        Console.Out);
}
