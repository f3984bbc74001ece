using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonEspaceSante.Api.SignIn;

namespace MonEspaceSante.Api.Security;

/// <summary>Authentication by the authorization server's tokens, one policy per role, one per operator capability, and the dashboard's.</summary>
public static class AuthenticationSetup
{
    /// <summary>The dashboard: an operator's agent with a session at this server (signed in at the agents' provider).</summary>
    public const string DashboardPolicy = "dashboard";

    public static IHostApplicationBuilder AddMesAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMesSignIn();
        var policies = builder.Services.AddAuthorizationBuilder()
            .AddPolicy(MesRoles.Patient, p => p.RequireRole(MesRoles.Patient))
            .AddPolicy(MesRoles.Professional, p => p.RequireRole(MesRoles.Professional))
            .AddPolicy(MesRoles.App, p => p.RequireRole(MesRoles.App))
            .AddPolicy(MesRoles.Operator, p => p.RequireRole(MesRoles.Operator))
            .AddPolicy(DashboardPolicy, p => p.AddAuthenticationSchemes(SignInRegistration.SessionScheme)
                .RequireClaim(SignInClaims.Kind, nameof(SessionKind.Operator)));
        foreach (var scope in OperatorScopes.All)
        {
            // An operator's token names the capabilities its client was given; each endpoint group asks for one.
            var giving = OperatorScopes.Giving(scope);
            policies.AddPolicy(scope, p => p.RequireRole(MesRoles.Operator).RequireAssertion(context => Caller.TokenScopes(context.User).Any(giving.Contains)));
        }

        builder.Services.AddSingleton<TokenIssuer>();
        return builder;
    }
}
