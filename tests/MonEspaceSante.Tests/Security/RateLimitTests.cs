using Microsoft.Extensions.DependencyInjection;
using System.Net;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Security;

/// <summary>The application with small limits, so that a test reaches them.</summary>
public sealed class LimitedApiFactory : ApiFactory
{
    public LimitedApiFactory()
    {
        Settings = new Dictionary<string, string>
        {
            ["RateLimits:ProfessionalReadsPerSecond"] = "1",
            ["RateLimits:ProfessionalReadBurst"] = "3",
            ["RateLimits:SignInPerMinute"] = "2",
            ["Live:MaxFeedsPerCaller"] = "2",
        };
    }
}

/// <summary>Each caller and address gets its share; past it, a 429 that says when to come back.</summary>
public sealed class RateLimitTests(LimitedApiFactory api) : IClassFixture<LimitedApiFactory>
{
    [Fact]
    public async Task A_professional_walking_ins_numbers_is_slowed_to_a_429_with_Retry_After_and_others_are_not()
    {
        var walker = api.ProfessionalClient("10000000031");
        var other = api.ProfessionalClient("10000000032");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await walker.GetAsync($"/fhir/Patient/{TestIns.Next().Value}"));
        }

        using var meanwhile = await other.GetAsync($"/fhir/Patient/{TestIns.Next().Value}");
        using var json = await walker.GetAsync("/api/v1/me");
        using var health = await walker.GetAsync("/health/live");

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        refused.Should().NotBeEmpty("a burst of 3 and one more a second");
        answers.Take(3).Should().OnlyContain(a => a.StatusCode != HttpStatusCode.TooManyRequests);
        refused[0].Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 2);
        (await refused[0].Content.ReadAsStringAsync()).Should().Contain("OperationOutcome").And.Contain("throttled");
        meanwhile.StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests, "each professional has a share of their own");
        json.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        json.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        health.StatusCode.Should().Be(HttpStatusCode.OK, "health probes are never limited");

        await Task.Delay(TimeSpan.FromSeconds(2));
        (await walker.GetAsync($"/fhir/Patient/{TestIns.Next().Value}")).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests, "the bucket refills");
    }

    [Fact]
    public async Task Sign_in_requests_from_one_address_are_limited_per_minute()
    {
        var browser = api.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await browser.GetAsync("/signin")).StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_caller_keeps_a_few_live_feeds_open_and_each_ends_when_its_token_expires()
    {
        var person = TestIns.Next();
        await api.Grains.GetGrain<MonEspaceSante.Interfaces.Patients.IPatientGrain>(MonEspaceSante.Interfaces.Patients.PatientKey.From(person)).ActivateAsync(MonEspaceSante.Tests.Facets.Callers.Holder(person));
        var holder = api.PatientClient(person);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var first = await holder.GetAsync("/api/v1/me/measurements/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var second = await holder.GetAsync("/api/v1/me/documents/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var third = await holder.GetAsync("/api/v1/me/measurements/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await third.Content.ReadAsStringAsync()).Should().Contain("Live:MaxFeedsPerCaller");

        var (token, _) = api.Services.GetRequiredService<MonEspaceSante.Api.Security.TokenIssuer>().Issue("patient", TestIns.Next().Value, TimeSpan.FromSeconds(3));
        var shortLived = api.CreateClient();
        shortLived.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var opened = System.Diagnostics.Stopwatch.StartNew();
        using var expiring = await shortLived.GetAsync("/api/v1/me/measurements/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var body = await expiring.Content.ReadAsStringAsync(timeout.Token);

        expiring.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().Contain("event: ready");
        opened.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the feed ended with its token, not with the test's timeout");
    }
}
