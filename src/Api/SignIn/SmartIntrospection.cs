using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// RFC 7662 introspection with the SMART fields: besides <c>active</c>, <c>client_id</c>, <c>exp</c> and <c>sub</c>, the
/// token's <c>scope</c> and its launch context (<c>patient</c>, <c>fhirUser</c>). OpenIddict gives custom claims only to an
/// introspecting client that is an audience of the token; SMART resource servers expect them from any authenticated
/// confidential client allowed to introspect (the <c>ept:introspection</c> permission).
/// </summary>
public static class SmartIntrospection
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleIntrospectionRequestContext>()
        .UseInlineHandler(context =>
        {
            var token = context.GenericTokenPrincipal;
            foreach (var claim in new[] { SignInClaims.Patient, SignInClaims.FhirUser, SignInClaims.Role })
            {
                if (token.GetClaim(claim) is { } value)
                {
                    context.Claims[claim] = value;
                }
            }

            context.Scopes.UnionWith(token.GetScopes());
            return default;
        })
        .SetOrder(OpenIddictServerHandlers.Introspection.AttachApplicationClaims.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();
}
