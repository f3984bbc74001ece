using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonEspaceSante.Api.Agenda;
using MonEspaceSante.Api.Catalogue;
using MonEspaceSante.Api.Consents;
using MonEspaceSante.Api.Contact;
using MonEspaceSante.Api.Controls;
using MonEspaceSante.Api.Devices;
using MonEspaceSante.Api.Documents;
using MonEspaceSante.Api.Errors;
using MonEspaceSante.Api.Export;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Inbox;
using MonEspaceSante.Api.Me;
using MonEspaceSante.Api.Measurements;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Api.Notices;
using MonEspaceSante.Api.Operations;
using MonEspaceSante.Api.Profile;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Api.Web;
using MonEspaceSante.Api.SignIn;
using MonEspaceSante.Api.Waves;

namespace MonEspaceSante.Api;

/// <summary>The HTTP surface: <c>/api/v1</c> (JSON, problem details) and <c>/fhir</c> (R4, OperationOutcome).</summary>
public static class ApiRegistration
{
    public static IHostApplicationBuilder AddMesApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMesHttpHardening();
        builder.AddMesCrossOrigin();
        builder.AddMesErrorHandling();
        builder.AddMesAuthentication();
        builder.AddMesRateLimits();
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());
        builder.Services.AddSingleton<ReadingIngestion>();
        builder.Services.AddOptions<Live.LiveFeedSettings>().BindConfiguration(Live.LiveFeedSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Live.LiveFeedGate>();
        builder.Services.AddSingleton<ObservationReader>();
        builder.Services.AddSingleton<MeasurementBundleReader>();
        builder.Services.AddOptions<MeasurementBundleOptions>().BindConfiguration(MeasurementBundleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// Middleware in order: CORS, errors (so auth challenges get a body), then authentication, rate limits,
    /// authorization, and the one retry of a request safe to repeat, innermost around the endpoint.
    /// </summary>
    public static WebApplication UseMesApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMesHttpHardening();
        // Before the error handling and the authentication: refusals carry the CORS headers too, so a frontend can read them.
        app.UseCors();
        app.UseMesErrorHandling();
        app.UseMesWebApp();
        app.UseAuthentication();
        app.UseMesRateLimits();
        app.UseAuthorization();
        app.UseMesTransientRetry();
        return app;
    }

    /// <summary>One line per feature; each maps its JSON routes under <c>/api/v1</c> and its FHIR routes under <c>/fhir</c>.</summary>
    public static WebApplication MapMesApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDevTokenEndpoints();
        app.MapAuthorizationServer();
        app.MapSignInPages();
        new MesRoutes(app.MapGroup("/api/v1"), app.MapGroup(FhirRoutes.Base).WithTags("FHIR").AddEndpointFilter(FhirFormats.Filter))
            .MapFhirMetadata()
            .MapSpace()
            .MapWaves()
            .MapNotices()
            .MapStreamOperations()
            .MapCatalogue()
            .MapConsents()
            .MapControls()
            .MapMeasurements()
            .MapDevices()
            .MapDocuments()
            .MapAgenda()
            .MapInbox()
            .MapMedicalProfile()
            .MapContact()
            .MapExport();
        return app;
    }
}
