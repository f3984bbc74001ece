using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Interfaces.Streams;

namespace MonEspaceSante.Api.Measurements;

/// <summary>What became of one reading offered by an app.</summary>
public enum IngestOutcome
{
    /// <summary>Committed to the person's durable device-readings stream: it will be stored (once).</summary>
    Accepted = 0,

    /// <summary>No live consent of this person lets the app write this type: nothing stored.</summary>
    NoConsent = 1,
}

/// <summary>
/// Takes checked readings from an app: per person, asks their grain which write scopes the app holds
/// now (so a revocation holds from the next request), then commits the allowed readings to the
/// person's <c>device-readings</c> stream as one event. A reading is acknowledged only once that
/// commit returned; the person's grain stores it from there, once however often it is delivered.
/// </summary>
public sealed class ReadingIngestion(IClusterClient cluster)
{
    public async Task<IReadOnlyList<IngestOutcome>> IngestAsync(string appId, IReadOnlyList<(Ins Patient, Reading Reading)> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var outcomes = new IngestOutcome[readings.Count];
        var byPerson = Enumerable.Range(0, readings.Count).GroupBy(i => readings[i].Patient);
        await Task.WhenAll(byPerson.Select(async person =>
        {
            var indexes = person.ToList();
            var scopes = indexes.Select(i => Scopes.WriteMeasurements(readings[i].Reading.Type)).Distinct(StringComparer.Ordinal).ToList();
            var allowed = (await cluster.GetGrain<IPatientConsentsGrain>(PatientKey.From(person.Key)).AllowedAsync(appId, scopes)).ToHashSet(StringComparer.Ordinal);
            var accepted = new List<int>(indexes.Count);
            foreach (var i in indexes)
            {
                var ok = allowed.Contains(Scopes.WriteMeasurements(readings[i].Reading.Type));
                outcomes[i] = ok ? IngestOutcome.Accepted : IngestOutcome.NoConsent;
                if (ok)
                {
                    accepted.Add(i);
                }
            }

            if (accepted.Count > 0)
            {
                await cluster.GetStreamProvider(StreamNames.Provider)
                    .GetStream<ReadingBatch>(StreamId.Create(StreamNames.DeviceReadings, PatientKey.From(person.Key)))
                    .OnNextAsync(new ReadingBatch(accepted.Select(i => readings[i].Reading with { AppId = appId }).ToList()));
            }
        }));
        return outcomes;
    }
}
