using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using Microsoft.Extensions.Options;
using MonEspaceSante.Grains.Notices;
using Orleans.Concurrency;

namespace MonEspaceSante.Grains.Enrollment;

[StatelessWorker]
internal sealed class NoticesGrain(EnrollmentStores stores, IOptions<DeliverySettings> delivery) : Grain, INoticesGrain
{
    private NoticeStore Store => stores.Notices;

    Task<IReadOnlyList<Notice>> INoticesGrain.GetPendingAsync(long afterId, int limit)
    {
        if (limit is < 1 or > 10_000)
        {
            throw new InvalidInputException("limit", "must be between 1 and 10000");
        }

        return Store.GetPendingAsync(afterId, limit, lettersOnly: delivery.Value.Enabled);
    }

    Task<NoticeAcknowledgement> INoticesGrain.MarkSentAsync(IReadOnlyList<long> ids)
    {
        if (ids is null || ids.Count == 0 || ids.Count > 10_000)
        {
            throw new InvalidInputException("ids", "between 1 and 10000 notice ids are expected");
        }

        return Store.MarkSentAsync(ids);
    }

    Task<IReadOnlyList<UndeliveredNotice>> INoticesGrain.GetUndeliveredAsync(long afterId, int limit) =>
        limit is < 1 or > 1000 ? throw new InvalidInputException("limit", "must be between 1 and 1000") : Store.GetUndeliveredAsync(afterId, limit);

    async Task<bool> INoticesGrain.RetryAsync(long id) => await Store.RetryAsync(id);
}
