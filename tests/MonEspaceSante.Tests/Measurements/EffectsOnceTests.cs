using System.Net;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Measurements;

/// <summary>What an acknowledged reading causes (its row, its alert, its history line) happens once, even when a write fails in between.</summary>
[Collection(MeasurementsCollection.Name)]
public sealed class EffectsOnceTests(MeasurementsFixture fixture)
{
    [Fact]
    public async Task A_history_write_that_fails_once_still_leaves_exactly_one_alert_and_one_history_line()
    {
        var person = await fixture.PersonWithAppAsync("cgm", "measurements.write:glucose");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        // The first history line written for this person fails (a sequence is not rolled back with the failed insert).
        await ExecuteAsync($"""
            CREATE SEQUENCE fail_once_{suffix};
            CREATE FUNCTION fail_once_{suffix}() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
                IF NEW.ins = '{person.Value}' AND nextval('fail_once_{suffix}') = 1 THEN
                    RAISE EXCEPTION 'history write failed on purpose';
                END IF;
                RETURN NEW;
            END $f$;
            CREATE TRIGGER fail_once_{suffix} BEFORE INSERT ON mes_access_history FOR EACH ROW EXECUTE FUNCTION fail_once_{suffix}();
            """);
        try
        {
            using var created = await fixture.App.ClientFor("app", "cgm").PostAsync("/fhir/Observation", Samples.Content(Samples.Observation(person, "2345-7", "mg/dL", 40m)));
            created.StatusCode.Should().Be(HttpStatusCode.Created);

            await fixture.WaitStoredAsync(person, 1);
            await Eventually.HoldsAsync(async () => await HistoryLinesAsync(person.Value) == 1, TimeSpan.FromSeconds(30), "the history line written on redelivery");
            (await fixture.CountAsync($"SELECT last_value FROM fail_once_{suffix}")).Should().BeGreaterThan(1, "the first write failed and the event was delivered again");
            await Task.Delay(TimeSpan.FromSeconds(2));

            (await HistoryLinesAsync(person.Value)).Should().Be(1);
            (await fixture.CountAsync("SELECT count(*) FROM mes_outbox WHERE kind = 'MeasurementAlert' AND dedup_key LIKE @key", ("key", $"alert:{person.Value}:%"))).Should().Be(1);
            (await fixture.StoredAsync(person)).Should().Be(1);
        }
        finally
        {
            await ExecuteAsync($"DROP TRIGGER fail_once_{suffix} ON mes_access_history; DROP FUNCTION fail_once_{suffix}(); DROP SEQUENCE fail_once_{suffix}");
        }
    }

    [Fact]
    public async Task A_reading_acknowledged_a_moment_before_its_consent_is_revoked_is_stored()
    {
        var person = await fixture.PersonWithAppAsync("cgm", "measurements.write:glucose");

        using var created = await fixture.App.ClientFor("app", "cgm").PostAsync("/fhir/Observation", Samples.Content(Samples.Observation(person, "2345-7", "mg/dL", 110m)));
        (await fixture.App.PatientClient(person).DeleteAsync("/api/v1/me/consents/cgm")).EnsureSuccessStatusCode();
        using var afterwards = await fixture.App.ClientFor("app", "cgm").PostAsync("/fhir/Observation", Samples.Content(Samples.Observation(person, "2345-7", "mg/dL", 120m)));

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        afterwards.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the revocation holds from the next request");
        await fixture.WaitStoredAsync(person, 1);
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await fixture.StoredAsync(person)).Should().Be(1);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = fixture.Database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private Task<long> HistoryLinesAsync(string ins) =>
        fixture.CountAsync("SELECT count(*) FROM mes_access_history WHERE ins = @ins AND actor_id = 'cgm' AND action = 'write'", ("ins", ins));
}
