namespace MonEspaceSante.Silo.Logging;

public static class LoggingSetup
{
    /// <summary>Console logging through <see cref="RedactingConsoleFormatter"/> only.</summary>
    public static WebApplicationBuilder AddMesLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = RedactingConsoleFormatter.Name);
        builder.Logging.AddConsoleFormatter<RedactingConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        return builder;
    }
}
