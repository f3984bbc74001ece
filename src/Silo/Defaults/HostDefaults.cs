using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Silo.Defaults;

/// <summary>
/// What every host of the project gets the same way: console logging that masks any INS, the key of
/// the hash that stands for an INS, telemetry, and the health endpoints (the checks themselves are
/// added by the parts they watch, tagged <see cref="HealthTags.Ready"/>).
/// </summary>
public static class HostDefaults
{
    public const string InsHashKeySetting = "Mes:InsHashKey";

    public static WebApplicationBuilder AddMesDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = RedactingConsoleFormatter.Name);
        builder.Logging.AddConsoleFormatter<RedactingConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        ConfigureInsMask(builder.Configuration[InsHashKeySetting], builder.Environment);
        builder.AddMesTelemetry();
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (every check tagged ready passes).</summary>
    public static WebApplication MapMesDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    private static void ConfigureInsMask(string? key, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(key))
        {
            InsMask.Configure(key);
        }
        else if (!environment.IsDevelopment())
        {
            throw new OptionsValidationException("Mes", typeof(string),
                [$"{InsHashKeySetting} is required outside Development: it keys the hash that stands for an INS in logs."]);
        }
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
