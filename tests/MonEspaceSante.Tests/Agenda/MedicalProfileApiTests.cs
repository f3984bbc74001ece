using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Profile;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Agenda;

/// <summary>The medical profile over FHIR and JSON against the real application on PostgreSQL.</summary>
[Collection(AgendaCollection.Name)]
public sealed class MedicalProfileApiTests(HealthSpaceFixture fixture)
{
    private const string Rpps = "10007654321";

    private DateTimeOffset Now => fixture.App.Clock.GetUtcNow();

    [Fact]
    public async Task A_professional_records_a_vaccination_that_reads_back_by_id_and_search_and_each_access_is_in_the_history()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(Rpps);

        var created = await doctor.PostProfileFhirAsync(ProfileSamples.Immunization(person, Now.AddDays(-3)));
        var body = await created.FhirBodyAsync();
        var id = body.GetProperty("id").GetString()!;
        var read = await doctor.GetAsync($"/fhir/Immunization/{id}?patient={person.Value}");
        var found = await doctor.SearchEntriesAsync($"/fhir/Immunization?patient={IdentifierSystems.InsNir}|{person.Value}");

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.AbsolutePath.Should().Be($"/fhir/Immunization/{id}/_history/1");
        created.Headers.ETag!.Tag.Should().Be("\"1\"");
        var resource = (await read.FhirBodyAsync());
        resource.GetProperty("vaccineCode").GetProperty("coding")[0].GetProperty("code").GetString().Should().Be("J07CA02");
        resource.GetProperty("occurrenceDateTime").GetString().Should().Be(ProfileSamples.Day(Now.AddDays(-3)));
        resource.GetProperty("primarySource").GetBoolean().Should().BeTrue();
        resource.GetProperty("meta").GetProperty("source").GetString().Should().Be($"urn:mes:profile-author:rpps:{Rpps}");
        found.GetArrayLength().Should().Be(1);
        (await fixture.App.PatientClient(person).ProfileAsync()).Entries.Should().ContainSingle().Which.Id.Should().Be(id);
        (await fixture.HistoryLinesAsync(person, Rpps)).Should().Be(3);
    }

    [Fact]
    public async Task Conditions_allergies_and_treatments_round_trip_with_their_codes()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(Rpps);

        foreach (var resource in new[] { ProfileSamples.Condition(person), ProfileSamples.Allergy(person), ProfileSamples.Medication(person) })
        {
            (await doctor.PostProfileFhirAsync(resource)).StatusCode.Should().Be(HttpStatusCode.Created, $"{resource["resourceType"]} is created");
        }

        var condition = (await doctor.SearchEntriesAsync($"/fhir/Condition?patient={person.Value}"))[0].GetProperty("resource");
        var allergy = (await doctor.SearchEntriesAsync($"/fhir/AllergyIntolerance?patient={person.Value}"))[0].GetProperty("resource");
        var medication = (await doctor.SearchEntriesAsync($"/fhir/MedicationStatement?patient={person.Value}"))[0].GetProperty("resource");

        (condition.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString(), condition.GetProperty("onsetDateTime").GetString()).Should().Be(("E11.9", "2018-04-01"));
        allergy.GetProperty("reaction")[0].GetProperty("manifestation")[0].GetProperty("text").GetString().Should().Be("urticaire");
        (medication.GetProperty("status").GetString(), medication.GetProperty("dosage")[0].GetProperty("text").GetString()).Should().Be(("active", "1 000 mg matin et soir"));
        (await fixture.App.PatientClient(person).ProfileAsync()).Entries.Select(e => e.Kind).Should().BeEquivalentTo([ProfileKind.Condition, ProfileKind.Allergy, ProfileKind.Medication]);
    }

    [Fact]
    public async Task An_unknown_code_system_is_a_422_naming_the_element_and_a_body_that_is_not_the_resource_a_400()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(Rpps);

        var unknown = await doctor.PostProfileFhirAsync(ProfileSamples.Immunization(person, Now.AddDays(-1), system: "http://example.org/vaccines", code: "V1"));
        var cut = await doctor.PostAsync("/fhir/Immunization", new StringContent("{\"resourceType\":\"Immunization\",", null, "application/fhir+json"));
        var other = await doctor.PostAsync("/fhir/Immunization", AgendaSamples.FhirContent(ProfileSamples.Condition(person)));
        var future = await doctor.PostProfileFhirAsync(ProfileSamples.Immunization(person, Now.AddDays(2)));

        unknown.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var issue = (await unknown.FhirBodyAsync()).GetProperty("issue")[0];
        issue.GetProperty("expression")[0].GetString().Should().Be("Immunization.vaccineCode.coding");
        issue.GetProperty("diagnostics").GetString().Should().Contain("unknown code system 'http://example.org/vaccines'");
        (cut.StatusCode, other.StatusCode, future.StatusCode).Should().Be((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity));
        (await fixture.App.PatientClient(person).ProfileAsync()).Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task An_item_the_holder_masks_leaves_the_professionals_search_and_an_app_reads_only_under_its_read_scope()
    {
        var person = await fixture.OpenSpaceAsync();
        var me = fixture.App.PatientClient(person);
        var doctor = fixture.App.ProfessionalClient(Rpps);
        var created = await me.PostItemAsync(new { kind = "condition", text = "Dépression en 2015", status = "resolved", occurred = "2015-02-01", ended = "2016-06-01" });
        var item = await created.ReadAsAsync<ProfileEntry>();
        await fixture.ConnectAsync(person, ApiFactory.TestApps[0], "profile.write:conditions");
        var app = fixture.App.ClientFor("app", ApiFactory.TestApps[0]);

        var beforeMask = await doctor.SearchEntriesAsync($"/fhir/Condition?patient={person.Value}");
        (await me.PutAsJsonAsync($"/api/v1/me/profile/items/{item.Id}/masked", new { masked = true })).EnsureSuccessStatusCode();
        var afterMask = await doctor.SearchEntriesAsync($"/fhir/Condition?patient={person.Value}");

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        (beforeMask.GetArrayLength(), afterMask.GetArrayLength()).Should().Be((1, 0));
        (await doctor.GetAsync($"/fhir/Condition/{item.Id}?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.PostProfileFhirAsync(ProfileSamples.Condition(person))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await app.GetAsync($"/fhir/Condition?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.PostProfileFhirAsync(ProfileSamples.Allergy(person))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_vaccination_the_person_enters_with_its_proof_satisfies_its_reminder_and_is_in_the_export()
    {
        var born = Now.AddYears(-25).AddDays(-10);
        var person = await fixture.OpenSpaceAsync(TestIns.Born(born.Year, born.Month, 1));
        var me = fixture.App.PatientClient(person);
        var reminderBefore = (await me.AgendaAsync()).Reminders.Single(r => r.Code == "vaccines-25y");
        var proof = await (await Documents.DocumentsFixture.UploadAsync(me, Documents.DocumentSamples.Pdf(), "application/pdf", "carnet.pdf")).FhirBodyAsync();

        var entered = await me.PostItemAsync(new
        {
            kind = "immunization", occurred = ProfileSamples.Day(Now.AddDays(-1)), codes = new[] { new { system = ProfileCodeSystems.Atc, code = "J07CA02" } },
            proofDocumentId = proof.GetProperty("id").GetString(),
        });
        var reminders = (await me.AgendaAsync()).Reminders;
        var export = await (await me.GetAsync("/api/v1/me/export")).FhirBodyAsync();

        reminderBefore.Reason.Should().StartWith("Recommandé pour tous de 25 ans à 26 ans ; vous avez 25 ans. Pas encore dans votre carnet de vaccination : diphtérie");
        entered.StatusCode.Should().Be(HttpStatusCode.Created);
        reminders.Select(r => r.Code).Should().NotContain("vaccines-25y");
        var immunization = export.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).Single(r => r.GetProperty("resourceType").GetString() == "Immunization");
        (immunization.GetProperty("primarySource").GetBoolean(), immunization.GetProperty("reportOrigin").GetProperty("coding")[0].GetProperty("code").GetString()).Should().Be((false, "recall"));
        immunization.GetProperty("extension")[0].GetProperty("valueReference").GetProperty("reference").GetString().Should().Be($"DocumentReference/{proof.GetProperty("id").GetString()}");
    }

    [Fact]
    public async Task The_holder_refuses_one_reminder_or_a_whole_kind_and_takes_it_back()
    {
        var born = Now.AddYears(-25).AddDays(-10);
        var person = await fixture.OpenSpaceAsync(TestIns.Born(born.Year, born.Month, 2));
        var me = fixture.App.PatientClient(person);
        var all = (await me.AgendaAsync()).Reminders.Select(r => r.Code).ToList();

        var refusedOne = await me.PutAsync("/api/v1/me/agenda/prevention/refused/vaccines-25y", null);
        var withoutOne = (await me.AgendaAsync()).Reminders.Select(r => r.Code).ToList();
        (await me.PutAsync("/api/v1/me/agenda/prevention/refused-kinds/cancer-screening", null)).EnsureSuccessStatusCode();
        var withoutKind = (await me.AgendaAsync()).Reminders;
        var setting = await (await me.GetAsync("/api/v1/me/agenda/prevention")).Content.ReadFromJsonAsync<JsonElement>();
        (await me.DeleteAsync("/api/v1/me/agenda/prevention/refused/vaccines-25y")).EnsureSuccessStatusCode();
        (await me.DeleteAsync("/api/v1/me/agenda/prevention/refused-kinds/cancer-screening")).EnsureSuccessStatusCode();

        all.Should().Contain(["vaccines-25y", "cervical-screening-25"]);
        refusedOne.StatusCode.Should().Be(HttpStatusCode.OK);
        withoutOne.Should().Equal(all.Where(c => c != "vaccines-25y"));
        withoutKind.Where(r => r.Category == Interfaces.Agenda.PreventionCategory.CancerScreening || r.Code == "vaccines-25y").Should().BeEmpty();
        setting.GetProperty("refusedReminders").EnumerateArray().Select(e => e.GetString()).Should().Equal("vaccines-25y");
        setting.GetProperty("refusedKinds").EnumerateArray().Select(e => e.GetString()).Should().Equal("CancerScreening");
        (await me.AgendaAsync()).Reminders.Select(r => r.Code).Should().Equal(all);
        (await me.PutAsync("/api/v1/me/agenda/prevention/refused/no-such-act", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await fixture.App.ProfessionalClient(Rpps).PutAsync($"/api/v1/me/agenda/prevention/refused/vaccines-25y", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_professionals_software_resending_an_item_with_its_identifier_gets_the_same_item()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(Rpps);
        var immunization = ProfileSamples.Immunization(person, Now.AddDays(-2));
        immunization["identifier"] = new[] { new { system = "urn:cabinet:vaccins", value = "v-2026-117" } };

        var first = await doctor.PostProfileFhirAsync(immunization);
        var again = await doctor.PostProfileFhirAsync(immunization);
        immunization["lotNumber"] = "L124";
        var corrected = await doctor.PostProfileFhirAsync(immunization);

        (first.StatusCode, again.StatusCode, corrected.StatusCode).Should().Be((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK));
        var (a, b, c) = (await first.FhirBodyAsync(), await again.FhirBodyAsync(), await corrected.FhirBodyAsync());
        b.GetProperty("id").GetString().Should().Be(a.GetProperty("id").GetString());
        (c.GetProperty("meta").GetProperty("versionId").GetString(), c.GetProperty("lotNumber").GetString()).Should().Be(("2", "L124"));
        c.GetProperty("identifier")[0].GetProperty("value").GetString().Should().Be("v-2026-117");
        (await fixture.App.PatientClient(person).ProfileAsync()).Entries.Should().ContainSingle();
    }
}
