using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MonEspaceSante.Api;

/// <summary>Declares the bearer scheme in the OpenAPI document so that the Scalar UI can send a token.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Mon espace santé API";
        document.Info.Description = "JSON API (/api/v1) for patient frontends and operators; FHIR R4 (/fhir) for professionals and apps. Mint a development token with POST /dev/token.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
