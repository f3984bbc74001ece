using System.Net.Http.Json;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Measurements;

[Collection(MeasurementsCollection.Name)]
public sealed class MeasurementAccessTests(MeasurementsFixture fixture)
{
    private static readonly DateTimeOffset Day = new(2026, 4, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reads_are_checked_against_consents_and_written_to_the_holders_access_history()
    {
        var person = await fixture.PersonWithAppAsync("coach", "measurements.write:body-weight", "measurements.read:body-weight");
        (await fixture.App.PatientClient(person).PutAsJsonAsync("/api/v1/me/consents/writer", new { scopes = new[] { "measurements.write:body-weight" } })).EnsureSuccessStatusCode();
        await fixture.SendAsync(person, MeasurementsFixture.Weight("coach", "a", Day, 70));
        await fixture.WaitStoredAsync(person, 1);
        var grain = fixture.App.Grains.GetGrain<IPatientMeasurementsGrain>(PatientKey.From(person));

        var byApp = await grain.GetSeriesAsync(new Accessor(AccessorRole.App, "coach", "fhir"), MeasureType.BodyWeight, Day.AddDays(-1), Day.AddDays(1), SeriesAggregation.Raw);
        var byProfessional = await grain.SearchAsync(new Accessor(AccessorRole.Professional, "10003456789", "fhir", DeclaresCare: true), [], null, null, 10, null);
        var byHolder = await grain.GetLatestAsync(new Accessor(AccessorRole.Patient, person.Value, "api"));
        var appWithoutRead = () => grain.GetSeriesAsync(new Accessor(AccessorRole.App, "writer", "fhir"), MeasureType.BodyWeight, Day.AddDays(-1), Day.AddDays(1), SeriesAggregation.Raw);
        var appWithoutGlucose = () => grain.GetSeriesAsync(new Accessor(AccessorRole.App, "coach", "fhir"), MeasureType.Glucose, Day.AddDays(-1), Day.AddDays(1), SeriesAggregation.Raw);
        var otherPatient = () => grain.GetLatestAsync(new Accessor(AccessorRole.Patient, TestIns.Next().Value, "api"));
        var operatorRead = () => grain.GetLatestAsync(new Accessor(AccessorRole.Operator, "op", "api"));

        byApp.Should().ContainSingle().Which.Mean.Should().Be(70);
        byProfessional.Readings.Should().ContainSingle();
        byHolder.Should().ContainSingle();
        await appWithoutRead.Should().ThrowAsync<AccessDeniedException>().WithMessage("*measurements.read:body-weight*");
        await appWithoutGlucose.Should().ThrowAsync<AccessDeniedException>();
        await otherPatient.Should().ThrowAsync<AccessDeniedException>();
        await operatorRead.Should().ThrowAsync<AccessDeniedException>();

        var history = await fixture.App.PatientClient(person).GetFromJsonAsync<AccessHistoryPage>("/api/v1/me/access-history", Json.Options);
        history!.Records.Select(r => (r.Role, r.ActorId, r.Action)).Should().Equal(
            (AccessorRole.Professional, "10003456789", "read"),
            (AccessorRole.App, "coach", "read"),
            (AccessorRole.App, "coach", "write"));
        var rewrite = async () =>
        {
            await using var command = fixture.Database.CreateCommand("DELETE FROM mes_access_history WHERE ins = @ins");
            command.Parameters.AddWithValue("ins", person.Value);
            await command.ExecuteNonQueryAsync();
        };
        await rewrite.Should().ThrowAsync<Npgsql.PostgresException>().WithMessage("*append-only*");
    }

    [Fact]
    public async Task A_revoked_app_reads_nothing_from_the_next_request()
    {
        var person = await fixture.PersonWithAppAsync("coach", "measurements.read:glucose");
        var grain = fixture.App.Grains.GetGrain<IPatientMeasurementsGrain>(PatientKey.From(person));
        var coach = new Accessor(AccessorRole.App, "coach", "fhir");
        (await grain.SearchAsync(coach, [MeasureType.Glucose], null, null, 10, null)).Readings.Should().BeEmpty();

        (await fixture.App.PatientClient(person).DeleteAsync("/api/v1/me/consents/coach")).EnsureSuccessStatusCode();
        var after = () => grain.SearchAsync(coach, [MeasureType.Glucose], null, null, 10, null);

        await after.Should().ThrowAsync<AccessDeniedException>();
    }
}
