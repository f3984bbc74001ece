using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using MonEspaceSante.Api.Errors;

namespace MonEspaceSante.Tests.Security;

/// <summary>
/// The API tier runs a request safe to repeat once more when its first run met a silo out of reach; others answer the
/// 503 at once. The pipeline is ASP.NET Core's own (error table, then the retry) around endpoints whose first runs throw
/// what Orleans throws for a killed silo.
/// </summary>
public sealed class TransientRetryTests : IAsyncLifetime
{
    private readonly Dictionary<string, int> runs = [];
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.AddMesErrorHandling();
        app = builder.Build();
        app.UseMesErrorHandling();
        app.UseMesTransientRetry();
        app.MapMethods("/flaky/{name}/{failures:int}", ["GET", "PUT", "POST", "DELETE"], async (string name, int failures, HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            int run;
            lock (runs)
            {
                run = runs[name] = runs.GetValueOrDefault(name) + 1;
            }

            if (run <= failures)
            {
                throw name.StartsWith("bug", StringComparison.Ordinal)
                    ? new InvalidOperationException("a bug")
                    : new Orleans.Runtime.SiloUnavailableException("The target silo is no longer active");
            }

            return Results.Text($"run {run}: {body}");
        });
        await app.StartAsync();
        client = app.GetTestClient();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task A_read_or_a_delete_that_met_a_killed_silo_is_answered_by_its_second_run(string method)
    {
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/flaky/{method}/1"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().StartWith("run 2");
    }

    [Fact]
    public async Task A_put_is_run_again_with_the_same_body()
    {
        var body = new string('x', 100_000);

        var response = await client.PutAsync("/flaky/put/1", new StringContent(body));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be($"run 2: {body}", "the body read by the first run is read again, past the 30 KB kept in memory");
    }

    [Fact]
    public async Task A_post_with_an_idempotency_key_is_run_again_and_one_without_answers_503_after_one_run()
    {
        var keyed = new HttpRequestMessage(HttpMethod.Post, "/flaky/keyed/1") { Content = new StringContent("a") };
        keyed.Headers.Add("Idempotency-Key", "k-1");

        var withKey = await client.SendAsync(keyed);
        var withoutKey = await client.PostAsync("/flaky/plain/1", new StringContent("a"));

        withKey.StatusCode.Should().Be(HttpStatusCode.OK);
        withoutKey.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a POST may have been applied: the caller decides");
        withoutKey.Headers.RetryAfter.Should().NotBeNull();
        runs["plain"].Should().Be(1);
    }

    [Fact]
    public async Task A_second_failure_answers_503_with_Retry_After_and_a_bug_is_not_retried()
    {
        var twice = await client.GetAsync("/flaky/twice/5");
        var bug = await client.GetAsync("/flaky/bug/5");

        twice.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        twice.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        (await twice.Content.ReadAsStringAsync()).Should().Contain("nothing was saved");
        runs["twice"].Should().Be(2, "once more, not more");
        bug.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        runs["bug"].Should().Be(1, "only a transport failure is worth a second run");
    }
}
