using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MonEspaceSante.Api.Security;

/// <summary>JWT bearer authentication and one authorization policy per role.</summary>
public static class AuthenticationSetup
{
    /// <summary>The browser-facing dashboard cannot send a bearer header: it may carry the token in this cookie.</summary>
    public const string DashboardCookie = "mes_dashboard_token";

    public static IHostApplicationBuilder AddMesAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) =>
            {
                var settings = auth.Value;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey)),
                    NameClaimType = Caller.SubjectClaim,
                    RoleClaimType = Caller.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        // Only the dashboard (a browser UI) reads its token from a cookie or the query string.
                        if (context.Request.Path.StartsWithSegments("/dashboard", StringComparison.Ordinal))
                        {
                            var fromQuery = context.Request.Query["access_token"].ToString();
                            if (fromQuery.Length > 0)
                            {
                                context.Token = fromQuery;
                                context.Response.Cookies.Append(DashboardCookie, fromQuery, new Microsoft.AspNetCore.Http.CookieOptions
                                {
                                    HttpOnly = true,
                                    SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
                                    Secure = context.Request.IsHttps,
                                    Path = "/dashboard",
                                });
                            }
                            else if (context.Request.Cookies.TryGetValue(DashboardCookie, out var cookie))
                            {
                                context.Token = cookie;
                            }
                        }

                        return Task.CompletedTask;
                    },
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(MesRoles.Patient, p => p.RequireRole(MesRoles.Patient))
            .AddPolicy(MesRoles.Professional, p => p.RequireRole(MesRoles.Professional))
            .AddPolicy(MesRoles.App, p => p.RequireRole(MesRoles.App))
            .AddPolicy(MesRoles.Operator, p => p.RequireRole(MesRoles.Operator));

        builder.Services.AddSingleton<TokenIssuer>();
        return builder;
    }
}
