using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Grains.Erasure;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Jobs;

/// <summary>
/// Each night, erases every closed space that is due (its archive period over, or a month after the holder asked), 500
/// people per transaction. Each person's grain is asked first: a space reopened since (or a request taken back) is not
/// erased, its due row is dropped or moved; a space due ends its activation, so that nothing it holds in memory is
/// written over the erasure. Idempotent: a run that dies part-way leaves the rest due for the next one.
/// </summary>
public sealed class ErasureJob(ErasureStore store, IGrainFactory grains, DailyJobSettings settings, [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : IDailyJob
{
    public const int PeoplePerBatch = 500;

    public string Name => "erasure";

    public TimeOnly At => settings.ErasureAt;

    public async Task<string> RunAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (erased, kept) = (new ErasureCounts(0, 0, 0), 0);
        while (true)
        {
            var due = await store.DueAsync(now, PeoplePerBatch, cancellationToken);
            if (due.Count == 0)
            {
                return $"{erased.People} people erased ({erased.Rows} rows, {erased.ContentsFreed} contents freed), {kept} not due after all";
            }

            var confirmed = new ConcurrentBag<ErasureDue>();
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (person, _) =>
            {
                var dueNow = await grains.GetGrain<IPatientGrain>(PatientKey.From(Ins.Parse(person.Ins))).ErasureDueAsync();
                if (dueNow <= now)
                {
                    confirmed.Add(person);
                }
                else if (dueNow is { } later)
                {
                    await store.ScheduleAsync(person.Ins, later, person.ClosedAt, person.RequestedAt);
                }
                else
                {
                    await store.UnscheduleAsync(person.Ins);
                }
            });
            kept += due.Count - confirmed.Count;
            erased += await store.EraseAsync([.. confirmed], cancellationToken);
        }
    }
}
