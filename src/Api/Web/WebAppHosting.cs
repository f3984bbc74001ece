using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace MonEspaceSante.Api.Web;

/// <summary>
/// The patient's web app (built from <c>src/Web</c> into <c>wwwroot</c> next to the host's assemblies) at <c>/</c>: its
/// hashed assets cached for a year, its page never, both under a CSP that allows nothing but this origin (no inline
/// script or style: the build emits none). A path of the app's own (<c>/documents</c>, …) asked for as a page answers the
/// app's page, as does <c>/</c>; the API's paths never do, so an unknown API route stays a 404 in problem details.
/// </summary>
public static class WebAppHosting
{
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] ServerPrefixes = ["/api", "/fhir", "/connect", "/signin", "/.well-known", "/health", "/dev", "/openapi", "/assets", "/metrics"];

    /// <summary>Where the built app is: <c>wwwroot</c> beside the assemblies (the build copies it there).</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    public static WebApplication UseMesWebApp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!File.Exists(Path.Combine(Root, "index.html")))
        {
            app.MapGet("/", () => Results.Problem(
                "The web app is not built here: dotnet build runs npm ci and the app's build in src/Web (Node 20 and npm needed).",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Web app unavailable")).ExcludeFromDescription();
            return app;
        }

        var files = new PhysicalFileProvider(Root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => Secure(context.Context, immutable: context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal)),
        });

        // Not a fallback endpoint: one would be a candidate of every route (a POST to a GET-only path answering 405, a
        // body of the wrong type preferring it to its real endpoint). Routing ran first: no endpoint, an app page.
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint() is not null || !IsAppPage(http.Request))
            {
                await next(http);
                return;
            }

            Secure(http, immutable: false);
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.SendFileAsync(files.GetFileInfo("index.html"));
        });
        return app;
    }

    /// <summary>A GET of <c>/</c>, or of a page (the browser asks for HTML) at a path that is not the server's.</summary>
    private static bool IsAppPage(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && (request.Path == "/" || (request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            && !ServerPrefixes.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))));

    /// <summary>The app's policy and caching; <c>nosniff</c> and the rest come with every answer (<c>HttpHardening</c>).</summary>
    private static void Secure(HttpContext http, bool immutable)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "no-cache";
    }
}
