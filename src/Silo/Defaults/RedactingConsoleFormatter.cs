using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Silo.Defaults;

/// <summary>
/// A one-line console format that masks every INS-shaped token in the message and exception text.
/// Our own code never logs an INS; this catches framework messages that print grain ids or paths.
/// </summary>
public sealed class RedactingConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "mes";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {Level(logEntry.LogLevel)} {logEntry.Category}: {message}";
        if (logEntry.Exception is not null)
        {
            line += Environment.NewLine + logEntry.Exception;
        }

        textWriter.WriteLine(InsRedactor.ContainsIns(line) ? InsRedactor.Redact(line) : line);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "FAIL",
        LogLevel.Critical => "CRIT",
        _ => "    ",
    };
}
