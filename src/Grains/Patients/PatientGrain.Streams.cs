using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Streams;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace MonEspaceSante.Grains.Patients;

/// <summary>
/// The two durable streams a person's grain consumes, both keyed by the grain's key and subscribed implicitly
/// (every activation is a subscriber, so nothing needs registering):
/// <list type="bullet">
/// <item><c>enrollment</c>: a wave's notice and its deadline, sent by the wave partitions → <see cref="Enrollment.EnrollmentFacet.ApplyAsync"/>;</item>
/// <item><c>device-readings</c>: the readings an app pushed, one batch per request, sent by the API's ReadingIngestion once
/// the consent was checked → <see cref="Measurements.MeasurementsFacet.StoreAsync"/>, which writes them to <c>mes_measurement</c>.</item>
/// </list>
/// Delivery is at least once: both facets are idempotent.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Enrollment)]
[ImplicitStreamSubscription(StreamNames.DeviceReadings)]
internal sealed partial class PatientGrain : IStreamSubscriptionObserver, IAsyncObserver<EnrollmentEvent>, IAsyncObserver<ReadingBatch>
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        if (handleFactory.StreamId.GetNamespace() == StreamNames.DeviceReadings)
        {
            await handleFactory.Create<ReadingBatch>().ResumeAsync(this);
        }
        else
        {
            await handleFactory.Create<EnrollmentEvent>().ResumeAsync(this);
        }
    }

    public async Task OnNextAsync(EnrollmentEvent item, StreamSequenceToken? token = null)
    {
        await enrollment.ApplyAsync(item);

        // A wave reaches millions of people who are not using their space: do not keep them in
        // memory for the idle collection age. The person's own next call activates the grain again.
        DeactivateOnIdle();
    }

    public Task OnNextAsync(ReadingBatch item, StreamSequenceToken? token = null) => measurements.StoreAsync(item);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
