using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Grains.Notices;

/// <summary>
/// Delivers the outbox: every silo runs one, and they share the work through <see cref="DeliveryStore"/>'s leases. Each
/// round claims a batch of due notices, hands each channel's to its sender, and marks every notice sent, due again after
/// a backoff, or given up. A notice is sent once: two dispatchers never hold it together, and a dispatcher that dies
/// before marking it frees it when its lease ends. The one window left, a death between the SMTP server's acceptance and
/// the mark, sends it again with the same Message-ID (docs/operations.md).
/// </summary>
public sealed partial class NoticeDispatcher(OwnTables tables, DeliverySettings settings, IReadOnlyList<INoticeSender> senders, ILogger<NoticeDispatcher> logger) : BackgroundService
{
    private static readonly Counter<long> Outcomes = MesMeters.Meter.CreateCounter<long>("mes.notices.delivery", description: "Notices delivered, retried or given up, by channel and outcome.");

    private readonly Dictionary<Interfaces.Patients.NoticeChannel, INoticeSender> byChannel = senders.ToDictionary(s => s.Channel);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled || byChannel.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.PollInterval);
        do
        {
            try
            {
                // A full batch says more are due: keep going without waiting for the next tick.
                while (await DispatchOnceAsync(stoppingToken) == settings.BatchSize)
                {
                }
            }
            catch (FeatureUnavailableException)
            {
                LogNoTables(logger);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database away or not migrated yet, or anything else: the silo keeps running (a background service
                // that throws stops the host) and the next tick tries again; nothing claimed is lost, leases end.
                LogRoundFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: claims a batch and delivers it; answers how many notices it claimed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var store = new DeliveryStore(tables.For("Notices"));
        var due = await store.ClaimAsync([.. byChannel.Keys], settings.BatchSize, settings.Lease, cancellationToken);
        foreach (var group in due.GroupBy(n => n.Channel))
        {
            var notices = group.ToList();
            IReadOnlyList<SendResult> results;
            try
            {
                results = await byChannel[group.Key].SendAsync(notices, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Counted as an attempt of each notice, so that one that always fails is given up after the last one.
                results = [.. notices.Select(_ => new SendResult(SendOutcome.Retry, $"{group.Key} delivery failed: {e.GetType().Name}"))];
            }

            // The sent ones in one statement, marked even when the host is stopping: they left already, and their lease
            // would send them again.
            await store.MarkSentAsync([.. notices.Where((_, i) => results[i].Outcome == SendOutcome.Sent).Select(n => n.Id)], CancellationToken.None);
            for (var i = 0; i < notices.Count; i++)
            {
                if (results[i].Outcome != SendOutcome.Sent)
                {
                    await MarkFailedAsync(store, notices[i], results[i], cancellationToken);
                }

                Outcomes.Add(1, new KeyValuePair<string, object?>("channel", group.Key.ToString()), new KeyValuePair<string, object?>("outcome", results[i].Outcome.ToString()));
            }
        }

        return due.Count;
    }

    private async Task MarkFailedAsync(DeliveryStore store, DueNotice notice, SendResult result, CancellationToken cancellationToken)
    {
        await store.MarkFailedAsync(notice.Id, result.Error ?? "failed", settings.RetryDelay(notice.Attempts), result.Outcome == SendOutcome.GiveUp, settings.MaxAttempts, cancellationToken);
        LogNotDelivered(logger, notice.Id, notice.Channel.ToString(), notice.Attempts, result.Error ?? "");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId} by {Channel} not delivered at attempt {Attempt}: {Reason}")]
    private static partial void LogNotDelivered(ILogger logger, long noticeId, string channel, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A delivery round failed; the next one tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "No tables for the outbox: notices are not delivered by this silo")]
    private static partial void LogNoTables(ILogger logger);
}
