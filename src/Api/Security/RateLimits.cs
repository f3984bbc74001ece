using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonEspaceSante.Api.Errors;

namespace MonEspaceSante.Api.Security;

/// <summary>How much each caller and each address may ask (docs/security.md, "Rate limits"). Token buckets refill every second.</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Off only for benchmarks that measure the server itself from one address.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Reads per second per caller (a token's subject and client, and the person an app token is bound to), and the burst above it.</summary>
    [Range(1, 1_000_000)] public int ReadsPerSecond { get; init; } = 100;

    [Range(1, 1_000_000)] public int ReadBurst { get; init; } = 200;

    /// <summary>Reads per second of one professional: lower, since a professional reads other people's spaces.</summary>
    [Range(1, 1_000_000)] public int ProfessionalReadsPerSecond { get; init; } = 20;

    [Range(1, 1_000_000)] public int ProfessionalReadBurst { get; init; } = 60;

    /// <summary>Writes per second per caller (an app's Bundles of readings count one each).</summary>
    [Range(1, 1_000_000)] public int WritesPerSecond { get; init; } = 200;

    [Range(1, 1_000_000)] public int WriteBurst { get; init; } = 400;

    /// <summary>Wave uploads one operator runs at once.</summary>
    [Range(1, 1000)] public int BulkUploadsAtOnce { get; init; } = 4;

    /// <summary>Sign-in requests (authorize, token, sign-in pages) per minute from one address.</summary>
    [Range(1, 1_000_000)] public int SignInPerMinute { get; init; } = 300;

    /// <summary>Requests per second from one address, whoever they are for, and the burst above it.</summary>
    [Range(1, 10_000_000)] public int PerAddressPerSecond { get; init; } = 1000;

    [Range(1, 10_000_000)] public int PerAddressBurst { get; init; } = 2000;
}

/// <summary>
/// ASP.NET Core's rate limiter, partitioned twice: by address (every request), then by caller and kind of request
/// (reads, writes, bulk uploads, sign-in). A refusal is a 429 with <c>Retry-After</c>, as problem details or an
/// OperationOutcome. Health probes are never limited.
/// </summary>
public static class RateLimits
{
    public static IHostApplicationBuilder AddMesRateLimits(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RateLimitSettings>().BindConfiguration(RateLimitSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        var settings = builder.Configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(ByAddress(settings), ByCaller(settings));
            o.OnRejected = RejectAsync;
        });
        return builder;
    }

    public static WebApplication UseMesRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }

    private static PartitionedRateLimiter<HttpContext> ByAddress(RateLimitSettings settings) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http => Exempt(http, settings)
            ? RateLimitPartition.GetNoLimiter("exempt")
            : RateLimitPartition.GetTokenBucketLimiter($"address:{Address(http)}", _ => Bucket(settings.PerAddressPerSecond, settings.PerAddressBurst)));

    private static PartitionedRateLimiter<HttpContext> ByCaller(RateLimitSettings settings) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (Exempt(http, settings))
            {
                return RateLimitPartition.GetNoLimiter("exempt");
            }

            var path = http.Request.Path;
            if (path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/signin", StringComparison.OrdinalIgnoreCase))
            {
                return RateLimitPartition.GetFixedWindowLimiter($"signin:{Address(http)}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.SignInPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            }

            var caller = CallerKey(http.User) ?? $"anonymous:{Address(http)}";
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                var professional = http.User.FindFirstValue(Caller.RoleClaim) == MesRoles.Professional;
                return RateLimitPartition.GetTokenBucketLimiter($"reads:{caller}", _ => professional
                    ? Bucket(settings.ProfessionalReadsPerSecond, settings.ProfessionalReadBurst)
                    : Bucket(settings.ReadsPerSecond, settings.ReadBurst));
            }

            if (path.StartsWithSegments("/api/v1/waves", StringComparison.OrdinalIgnoreCase) && path.Value!.Contains("/uploads", StringComparison.OrdinalIgnoreCase))
            {
                return RateLimitPartition.GetConcurrencyLimiter($"bulk:{caller}", _ => new ConcurrencyLimiterOptions { PermitLimit = settings.BulkUploadsAtOnce, QueueLimit = 0 });
            }

            return RateLimitPartition.GetTokenBucketLimiter($"writes:{caller}", _ => Bucket(settings.WritesPerSecond, settings.WriteBurst));
        });

    private static bool Exempt(HttpContext http, RateLimitSettings settings) =>
        !settings.Enabled || http.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = Math.Max(burst, perSecond),
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>Who asks: the token's role and subject (the client for an app), and the person an app token is bound to.</summary>
    private static string? CallerKey(ClaimsPrincipal user)
    {
        var role = user.FindFirstValue(Caller.RoleClaim);
        var subject = user.FindFirstValue(Caller.ClientIdClaim) ?? user.FindFirstValue(Caller.SubjectClaim);
        return role is null || subject is null ? null : $"{role}:{subject}:{user.FindFirstValue(Caller.PatientClaim)}";
    }

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var mapping = ErrorTable.ForStatus(StatusCodes.Status429TooManyRequests);
        await ErrorWriter.WriteAsync(http, mapping, $"Too many requests from this caller or address: retry in {retryAfter} s (limits in docs/security.md).", null);
    }
}
