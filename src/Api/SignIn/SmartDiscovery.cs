using System.Collections.Immutable;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// The SMART App Launch 2.x fields of the discovery documents. OpenIddict serves the same document at
/// <c>/.well-known/openid-configuration</c> and <c>/.well-known/smart-configuration</c> (and under <c>/fhir</c>, where
/// SMART clients look for it): endpoints, grant types, <c>code_challenge_methods_supported</c> (S256 only), the scopes,
/// the client authentication methods; this adds what SMART asks besides.
/// </summary>
public static class SmartDiscovery
{
    /// <summary>What a SMART client may rely on (the capabilities of SMART App Launch 2.x this server has).</summary>
    public static readonly ImmutableArray<string?> Capabilities =
    [
        "launch-standalone",
        "client-public",
        "client-confidential-symmetric",
        "context-standalone-patient",
        "permission-patient",
        "permission-v2",
        "permission-offline",
        "permission-online",
        "sso-openid-connect",
        "authorize-post",
    ];

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
        .UseInlineHandler(context =>
        {
            context.Metadata["capabilities"] = new OpenIddictParameter(Capabilities);
            context.Metadata["response_types_supported"] = new OpenIddictParameter(ImmutableArray.Create<string?>("code"));
            return default;
        })
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();
}
