using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// Deletes, every hour, the tokens and grants that ended more than a day ago (expired, redeemed or revoked): the
/// store holds what may still be presented, not the history of every sign-in. Any node may run it; deleting twice is harmless.
/// </summary>
public sealed partial class SignInPruning(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SignInPruning> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var threshold = clock.GetUtcNow().AddDays(-1);
                var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, stoppingToken);
                var grants = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, stoppingToken);
                LogPruned(logger, tokens, grants);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in store pruned: {Tokens} tokens, {Grants} grants")]
    private static partial void LogPruned(ILogger logger, long tokens, long grants);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in store pruning failed; trying again in an hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
