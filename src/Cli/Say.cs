using Spectre.Console;

namespace MonEspaceSante.Cli;

/// <summary>
/// Lines for the operator. On a terminal they carry colour; redirected (a log, a test) they are
/// written as plain lines, never wrapped, so that one message stays one line.
/// </summary>
internal static class Say
{
    public static void Line(IAnsiConsole console, string markup)
    {
        if (console.Profile.Out.IsTerminal)
        {
            console.MarkupLine(markup);
        }
        else
        {
            console.Profile.Out.Writer.WriteLine(Markup.Remove(markup));
        }
    }

    public static void Error(IAnsiConsole console, string message) => Line(console, $"[red]error:[/] {Markup.Escape(message)}");

    public static void Warning(IAnsiConsole console, string message) => Line(console, $"[yellow]warning:[/] {Markup.Escape(message)}");
}
