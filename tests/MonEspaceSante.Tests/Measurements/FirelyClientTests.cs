using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using MonEspaceSante.Interfaces.Identity;
using Task = System.Threading.Tasks.Task;

namespace MonEspaceSante.Tests.Measurements;

/// <summary>The reference .NET client, Firely's <c>FhirClient</c>, used as a partner would, over HTTP against the real application.</summary>
[Collection(MeasurementsCollection.Name)]
public sealed class FirelyClientTests(MeasurementsFixture fixture)
{
    private const string Write = "measurements.write:body-weight";
    private const string Read = "measurements.read:body-weight";

    [Fact]
    public async Task Firely_creates_reads_pages_to_the_end_runs_a_transaction_creates_a_device_on_condition_and_gets_the_outcome_of_a_refusal()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write, Read);
        using var client = Client(fixture.App.ClientFor("app", Samples.AppId));

        var created = await client.CreateAsync(Weight(person, "c-1", 1, 70m));
        var transaction = new Bundle { Type = Bundle.BundleType.Transaction };
        foreach (var (key, day, kg) in new[] { ("c-2", 2, 71m), ("c-3", 3, 72m), ("c-4", 4, 73m) })
        {
            transaction.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = "urn:uuid:" + Guid.NewGuid(),
                Resource = Weight(person, key, day, kg),
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" },
            });
        }

        var response = (await client.TransactionAsync(transaction))!;
        var scale = new Device { Identifier = [new Identifier("urn:oid:1.2.250.1.213.1.4.10", "SN-" + person.Value[^6..])], Manufacturer = "Balances SA" };
        var registered = (await client.ConditionalCreateAsync(scale, new SearchParams().Add("identifier", scale.Identifier[0].System + "|" + scale.Identifier[0].Value)))!;
        var registeredStatus = client.LastResult!.Status;
        var found = (await client.ConditionalCreateAsync(scale, new SearchParams().Add("identifier", scale.Identifier[0].Value!)))!;
        var foundStatus = client.LastResult!.Status;
        await fixture.WaitStoredAsync(person, 4);
        var read = (await client.ReadAsync<Observation>($"Observation/{created!.Id}"))!;
        var values = new List<decimal>();
        var pages = 0;
        for (var page = await client.SearchAsync<Observation>([$"patient={person.Value}", "_sort=date"], pageSize: 3); page is not null; page = await client.ContinueAsync(page))
        {
            pages++;
            values.AddRange(page.Entry.Select(e => ((Quantity)((Observation)e.Resource!).Value!).Value!.Value));
        }

        var refusal = await FluentActions.Awaiting(() => client.CreateAsync(new Observation
        {
            Status = ObservationStatus.Final,
            Code = new CodeableConcept("http://loinc.org", "39156-5"),
            Subject = new ResourceReference { Identifier = new Identifier(IdentifierSystems.InsNir, person.Value) },
            Effective = new FhirDateTime(2026, 5, 1),
            Value = new Quantity(22.9m, "kg/m2"),
        })).Should().ThrowAsync<FhirOperationException>();

        created.Id.Should().MatchRegex("^[0-9a-f]{32}$");
        registeredStatus.Should().StartWith("201");
        foundStatus.Should().StartWith("200", "the Device is registered already");
        found.Id.Should().Be(registered.Id);
        found.Manufacturer.Should().Be("Balances SA");
        created.Meta!.VersionId.Should().Be("1");
        response.Type.Should().Be(Bundle.BundleType.TransactionResponse);
        response.Entry.Select(e => e.Response!.Status).Should().AllBe("201 Created");
        response.Entry.Should().OnlyContain(e => e.Response!.Location!.StartsWith("http://localhost/fhir/Observation/", StringComparison.Ordinal));
        ((Quantity)read.Value!).Value.Should().Be(70m);
        read.Identifier.Single().Value.Should().Be("c-1");
        values.Should().Equal(70m, 71m, 72m, 73m);
        pages.Should().Be(2, "4 readings, 3 a page, followed with Continue on the absolute next link");
        refusal.Which.Status.Should().Be((HttpStatusCode)422);
        refusal.Which.Outcome!.Issue.Should().ContainSingle().Which.Expression.Should().Equal("Observation.code.coding");
    }

    private static FhirClient Client(HttpClient http) => new("http://localhost/fhir/", http, new FhirClientSettings
    {
        PreferredFormat = ResourceFormat.Json,
        ReturnPreference = ReturnPreference.Representation,
        VerifyFhirVersion = true,
    });

    private static Observation Weight(Ins person, string identifier, int day, decimal kg) => new()
    {
        Identifier = [new Identifier("urn:app-scale", identifier)],
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
        Code = new CodeableConcept("http://loinc.org", "29463-7"),
        Subject = new ResourceReference { Identifier = new Identifier(IdentifierSystems.InsNir, person.Value) },
        Effective = new FhirDateTime(new DateTimeOffset(2026, 5, day, 8, 0, 0, TimeSpan.Zero)),
        Value = new Quantity(kg, "kg") { System = "http://unitsofmeasure.org", Code = "kg" },
    };
}
