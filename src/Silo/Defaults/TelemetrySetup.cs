using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MonEspaceSante.Silo.Defaults;

/// <summary>
/// Traces and metrics for ASP.NET Core, HTTP clients, Orleans, Npgsql and our own meters. They are
/// exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Every span passes through
/// <see cref="InsRedactingProcessor"/>, since request paths and grain ids carry an INS.
/// </summary>
public static class TelemetrySetup
{
    public const string MeterName = "MonEspaceSante";

    public static WebApplicationBuilder AddMesTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("mon-espace-sante"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal);
                })
                .AddHttpClientInstrumentation()
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddNpgsql()
                .AddProcessor(new InsRedactingProcessor()))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.Orleans", MeterName, MonEspaceSante.Postgres.PostgresMeters.Name)
                .AddNpgsqlInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }
}
