using MonEspaceSante.Interfaces.Access;
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

    /// <summary>The app sent this identifier before for another measurement (another type, code, time or value): nothing stored.</summary>
    IdentifierReused = 2,
}

/// <summary>
/// Takes checked readings from an app: per person, asks their grain which write scopes the app holds
/// now (so a revocation holds from the next request), then commits the allowed readings to the
/// person's <c>device-readings</c> stream as one event. A reading is acknowledged only once that
/// commit returned; the person's grain stores it from there, once however often it is delivered.
/// An identifier the app used already for another measurement, stored or earlier in the same request, is
/// refused here, before the acknowledgement (the store also keeps the first of a month if two race).
/// </summary>
public sealed class ReadingIngestion(IClusterClient cluster)
{
    /// <summary>
    /// Checks every person's consents first, then commits each person's allowed readings as one event.
    /// With <paramref name="allOrNothing"/> (a FHIR transaction), nothing is committed unless every
    /// reading is allowed.
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> IngestAsync(Accessor app, IReadOnlyList<(Ins Patient, Reading Reading)> readings, bool allOrNothing = false)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(readings);
        var appId = app.Id;
        var outcomes = new IngestOutcome[readings.Count];
        // Each reading as the app's, once: checked, sent to the check and committed as the same instance.
        var stamped = readings.Select(r => r.Reading with { AppId = appId }).ToArray();
        var people = await Task.WhenAll(Enumerable.Range(0, readings.Count).GroupBy(i => readings[i].Patient).Select(async person =>
        {
            var indexes = person.ToList();
            var scopes = indexes.Select(i => Scopes.WriteMeasurements(readings[i].Reading.Type)).Distinct(StringComparer.Ordinal).ToList();
            // A token bound to a person writes to that person only, and within the scopes of its pairing.
            var allowed = app.MayReach(person.Key)
                ? (await cluster.GetGrain<IPatientConsentsGrain>(PatientKey.From(person.Key)).AllowedAsync(appId, scopes.Where(app.TokenAllows).ToList())).ToHashSet(StringComparer.Ordinal)
                : [];
            var accepted = new List<int>(indexes.Count);
            var firstOfKey = new Dictionary<string, Reading>(StringComparer.Ordinal);
            foreach (var i in indexes)
            {
                var reading = stamped[i];
                var ok = allowed.Contains(Scopes.WriteMeasurements(reading.Type));
                outcomes[i] = !ok ? IngestOutcome.NoConsent
                    : firstOfKey.TryGetValue(reading.ReadingKey, out var first) && !first.SameMeasurementAs(reading) ? IngestOutcome.IdentifierReused
                    : IngestOutcome.Accepted;
                firstOfKey.TryAdd(reading.ReadingKey, reading);
                if (outcomes[i] == IngestOutcome.Accepted)
                {
                    accepted.Add(i);
                }
            }

            if (accepted.Count > 0)
            {
                var reused = await cluster.GetGrain<IMeasurementDirectoryGrain>(IMeasurementDirectoryGrain.Key)
                    .ReusedAsync(person.Key.Value, accepted.Select(i => stamped[i]).ToList());
                foreach (var position in reused)
                {
                    outcomes[accepted[position]] = IngestOutcome.IdentifierReused;
                }

                accepted = accepted.Where(i => outcomes[i] == IngestOutcome.Accepted).ToList();
            }

            return (person.Key, Accepted: accepted);
        }));

        if (allOrNothing && outcomes.Any(o => o != IngestOutcome.Accepted))
        {
            return outcomes;
        }

        var provider = cluster.GetStreamProvider(StreamNames.Provider);
        await Task.WhenAll(people.Where(p => p.Accepted.Count > 0).Select(p =>
            provider.GetStream<ReadingBatch>(StreamId.Create(StreamNames.DeviceReadings, PatientKey.From(p.Key)))
                .OnNextAsync(new ReadingBatch(p.Accepted.Select(i => stamped[i]).ToList()))));
        return outcomes;
    }
}
