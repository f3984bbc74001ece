using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Interfaces.Streams;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Measurements;

/// <summary>The application on PostgreSQL, with helpers to open spaces, connect apps and send readings.</summary>
public sealed class MeasurementsFixture : PostgresAppFixture
{
    /// <summary>A person with an open space who connected <paramref name="appId"/> with <paramref name="scopes"/>.</summary>
    public async Task<Ins> PersonWithAppAsync(string appId, params string[] scopes)
    {
        var person = TestIns.Next();
        var client = App.PatientClient(person);
        (await client.PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        if (scopes.Length > 0)
        {
            (await client.PutAsJsonAsync($"/api/v1/me/consents/{appId}", new { scopes })).EnsureSuccessStatusCode();
        }

        return person;
    }

    /// <summary>Produces readings on the person's device-readings stream, as the ingestion endpoint does once it has checked consent.</summary>
    public Task SendAsync(Ins person, params Reading[] readings) =>
        App.Services.GetRequiredService<IClusterClient>().GetStreamProvider(StreamNames.Provider)
            .GetStream<ReadingBatch>(StreamId.Create(StreamNames.DeviceReadings, PatientKey.From(person)))
            .OnNextAsync(new ReadingBatch(readings));

    public Task<long> StoredAsync(Ins person) => CountAsync("SELECT count(*) FROM mes_measurement WHERE ins = @ins", ("ins", person.Value));

    public Task WaitStoredAsync(Ins person, long count) =>
        Eventually.HoldsAsync(async () => await StoredAsync(person) >= count, TimeSpan.FromSeconds(30), $"{count} readings stored");

    public static Reading Weight(string app, string id, DateTimeOffset at, double kg) =>
        new(app, $"id:urn:test|{id}", MeasureType.BodyWeight, "29463-7", at, kg, null, "kg", null);

    public static Reading Glucose(string app, string id, DateTimeOffset at, double mgPerDl) =>
        new(app, $"id:urn:test|{id}", MeasureType.Glucose, "2345-7", at, mgPerDl, null, "mg/dL", "cgm-1");
}
