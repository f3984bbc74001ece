using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Api.SignIn;

namespace MonEspaceSante.Api.Live;

/// <summary>How many live feeds one caller keeps open at once.</summary>
public sealed class LiveFeedSettings
{
    public const string Section = "Live";

    [Range(1, 1000)]
    public int MaxFeedsPerCaller { get; init; } = 4;
}

/// <summary>A caller asked for one live feed more than <see cref="LiveFeedSettings.MaxFeedsPerCaller"/> (429).</summary>
public sealed class TooManyFeedsException(int max)
    : Exception($"At most {max} live feeds are open at once per caller: close one (setting {LiveFeedSettings.Section}:MaxFeedsPerCaller).");

/// <summary>
/// Who may open a live feed, and for how long: a per-caller cap (each open feed holds a subscription and a connection),
/// and the feed's end when its token expires or is revoked (checked at each renewal of the feed), since the bearer
/// check runs only when the feed opens.
/// </summary>
public sealed class LiveFeedGate(IOptions<LiveFeedSettings> settings, IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, int> open = new(StringComparer.Ordinal);

    /// <summary>Admits one more feed of the caller of <paramref name="http"/>, or throws <see cref="TooManyFeedsException"/>; dispose the result when the feed closes.</summary>
    public IDisposable Enter(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var key = $"{http.User.FindFirstValue(Caller.RoleClaim)}:{http.User.FindFirstValue(Caller.SubjectClaim)}";
        var max = settings.Value.MaxFeedsPerCaller;
        var now = open.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (now > max)
        {
            Leave(key);
            throw new TooManyFeedsException(max);
        }

        return new Admission(this, key);
    }

    /// <summary>How long the caller's token is good for, or null when it says no expiry.</summary>
    public static TimeSpan? Remaining(HttpContext http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        return long.TryParse(http.User.FindFirstValue("exp"), out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp) - clock.GetUtcNow()
            : null;
    }

    /// <summary>Whether the caller's token still has a valid entry (tokens without one, in Development, stay valid).</summary>
    public Func<Task<bool>> StillValid(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var id = http.User.FindFirstValue(BearerTokens.TokenIdClaim);
        var entries = services.GetService<TokenEntries>();
        return id is null || entries is null ? () => Task.FromResult(true) : () => entries.IsValidAsync(id);
    }

    private void Leave(string key) => open.AddOrUpdate(key, 0, (_, n) => Math.Max(0, n - 1));

    private sealed class Admission(LiveFeedGate gate, string key) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                gate.Leave(key);
            }
        }
    }
}
