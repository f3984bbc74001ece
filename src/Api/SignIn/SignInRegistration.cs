using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonEspaceSante.Interfaces.Errors;
using Npgsql;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// The authorization server in the API host, on OpenIddict: code flow with PKCE (S256 only) for people, professionals
/// and paired apps, client credentials for operators, refresh tokens rotated with reuse detection, introspection and
/// revocation, SMART discovery. Every node validates access tokens locally (asymmetric JWTs, <see cref="BearerTokens"/>),
/// and checks the token's and its grant's rows so that a revocation holds from the next request.
/// </summary>
public static class SignInRegistration
{
    /// <summary>The cookie of a person's (or professional's, or agent's) session at this server, between the provider and the authorization.</summary>
    public const string SessionScheme = "mes-signin";

    public static IHostApplicationBuilder AddMesSignIn(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(SignInSettings.Section).Get<SignInSettings>() ?? new SignInSettings();
        var development = builder.Environment.IsDevelopment();
        SafeStart.Check(settings, builder.Configuration, development);
        var keys = SignInKeys.Load(settings, development);
        SafeStart.CheckKeys(keys, development);
        builder.Services.AddSingleton(keys);
        builder.Services.AddOptions<SignInSettings>().BindConfiguration(SignInSettings.Section);
        builder.Services.AddDbContext<SignInDbContext>((services, options) => options.UseNpgsql(Store(services)));
        var plainHttp = development || settings.Issuer?.Scheme == Uri.UriSchemeHttp;

        var openIddict = builder.Services.AddOpenIddict();
        openIddict
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<SignInDbContext>())
            .AddServer(server =>
            {
                if (settings.Issuer is { } issuer)
                {
                    server.SetIssuer(issuer);
                }

                server.SetAuthorizationEndpointUris(SignInRoutes.Authorize).SetTokenEndpointUris(SignInRoutes.Token)
                    .SetIntrospectionEndpointUris(SignInRoutes.Introspect).SetRevocationEndpointUris(SignInRoutes.Revoke)
                    .SetEndSessionEndpointUris(SignInRoutes.EndSession).SetUserInfoEndpointUris(SignInRoutes.UserInfo)
                    .SetJsonWebKeySetEndpointUris(SignInRoutes.Jwks)
                    .SetConfigurationEndpointUris(SignInRoutes.OpenIdConfiguration, SignInRoutes.SmartConfiguration, SignInRoutes.FhirSmartConfiguration);
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow();
                server.RequireProofKeyForCodeExchange();
                server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                // SMART scopes carry queries and wildcards: they are parsed and narrowed by the authorization endpoint
                // (SmartScopes), not matched against a list of strings.
                server.DisableScopeValidation().IgnoreScopePermissions();
                server.RegisterScopes([.. SmartScopes.SignInScopes, .. SmartScopes.Advertised, .. OperatorScopes.All]);
                server.RegisterClaims(Claims.Subject, SignInClaims.Role, SignInClaims.Patient, SignInClaims.FhirUser, SignInClaims.Profession);
                server.AddSigningKeys(keys.Signing).AddEncryptionKey(keys.Encryption);
                server.DisableAccessTokenEncryption();
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime).SetRefreshTokenLifetime(settings.RefreshTokenLifetime)
                    .SetRefreshTokenReuseLeeway(settings.RefreshTokenReuseLeeway);
                var aspnet = server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough().EnableUserInfoEndpointPassthrough();
                if (plainHttp)
                {
                    aspnet.DisableTransportSecurityRequirement();
                }

                server.AddEventHandler(SmartDiscovery.Descriptor);
                server.AddEventHandler(SmartIntrospection.Descriptor);
                server.AddEventHandler(ConfiguredClients.EnsureFirst);
            });
        if (ExternalSignIn.HasProviders(settings))
        {
            openIddict.AddClient(client => ExternalSignIn.Configure(client, settings, keys, plainHttp));
        }

        builder.Services.AddAuthentication(BearerTokens.Scheme)
            .AddMesBearer(settings, keys, development)
            .AddCookie(SessionScheme, cookie =>
            {
                cookie.Cookie.Name = "mes_session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = plainHttp ? Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest : Microsoft.AspNetCore.Http.CookieSecurePolicy.Always;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                cookie.SlidingExpiration = false;
                cookie.LoginPath = "/" + SignInRoutes.SignInPage;
                cookie.Events.OnRedirectToLogin = context =>
                {
                    // Only the dashboard challenges this scheme: its agents sign in at the operators' provider.
                    var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                    context.Response.Redirect($"{context.Request.PathBase}/{SignInRoutes.SignInPage}?kind={SessionKind.Operator}&returnUrl={Uri.EscapeDataString(back)}");
                    return Task.CompletedTask;
                };
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    // Signed in, but not as an agent: a plain refusal, not a page of another application.
                    context.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("mon-espace-sante");
        if (builder.Services.Any(d => d.ServiceType == typeof(NpgsqlDataSource)))
        {
            // With PostgreSQL (registered by the hosting before the API), the keys of every node in one table.
            dataProtection.PersistKeysToDbContext<SignInDbContext>();
        }

        builder.Services.AddAntiforgery();
        builder.Services.AddSingleton(services => new TokenEntries(Store(services)));
        builder.Services.AddScoped<ClientRegistry>();
        builder.Services.AddSingleton<ConfiguredClients>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ConfiguredClients>());
        builder.Services.AddHostedService<SignInPruning>();
        return builder;
    }

    private static NpgsqlDataSource Store(IServiceProvider services) => services.GetService<NpgsqlDataSource>()
        ?? throw new FeatureUnavailableException("Sign-in needs PostgreSQL: start with ConnectionStrings__Postgres, or install the PostgreSQL binaries for the embedded default.");
}
