using Orleans.Streams;

namespace MonEspaceSante.Postgres.Streams;

/// <summary>
/// Told by the pulling agent when it gave up delivering a row to a consumer (after retrying for
/// MaxEventDeliveryTime). The row was not acknowledged; the partition's reader decides whether to
/// offer it again or move it to the dead letters. Implicit subscriptions are never faulted.
/// </summary>
internal sealed class PostgresStreamFailureHandler(Func<PostgresQueueReceiver?> receiver) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken) =>
        sequenceToken is null ? Task.CompletedTask : receiver()?.DeliveryFailedAsync(sequenceToken) ?? Task.CompletedTask;

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken) =>
        sequenceToken is null ? Task.CompletedTask : receiver()?.DeliveryFailedAsync(sequenceToken) ?? Task.CompletedTask;
}
