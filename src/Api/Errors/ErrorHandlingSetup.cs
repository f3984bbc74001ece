using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MonEspaceSante.Api.Errors;

/// <summary>Wires the exception table and the bodies of bare error statuses (401, 403, 404, 405).</summary>
public static class ErrorHandlingSetup
{
    public static IHostApplicationBuilder AddMesErrorHandling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();

        // A body that does not bind throws BadHttpRequestException, so that it goes through the table
        // with its explanation instead of a bare 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    public static IApplicationBuilder UseMesErrorHandling(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var mapping = ErrorTable.ForStatus(status);
            var detail = ErrorTable.DescribeStatus(status);
            if (status == StatusCodes.Status401Unauthorized
                && http.Response.Headers.WWWAuthenticate.ToString().Contains("invalid_token", StringComparison.Ordinal))
            {
                detail = "The bearer token is invalid or expired.";
            }

            return ErrorWriter.WriteAsync(http, mapping, detail, null);
        });
        return app;
    }

}
