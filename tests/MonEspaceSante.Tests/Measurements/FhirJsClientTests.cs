using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Measurements;

/// <summary>The application on PostgreSQL and a real socket, its public address the socket's, for clients outside the process.</summary>
public sealed class SocketAppFixture : PostgresAppFixture
{
    private readonly int port = FreePorts.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{port}/");

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["SignIn:Issuer"] = BaseAddress.ToString() };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.UseKestrel(port);
        App.StartServer();
    }

    /// <summary>A bearer token for <paramref name="role"/> and <paramref name="subject"/>, as the sign-in server issues it.</summary>
    public string Token(string role, string subject) => App.Services.GetRequiredService<TokenIssuer>().Issue(role, subject).Item1;
}

/// <summary>
/// A FHIR client that web apps use, <c>fhir-kit-client</c> from the npm registry, run by node against the application
/// over a real socket (<c>tests/fhir-js/client.mjs</c>, installed by the test project's build with <c>npm ci</c>).
/// </summary>
public sealed class FhirJsClientTests(SocketAppFixture fixture) : IClassFixture<SocketAppFixture>
{
    private const string App = Samples.AppId;

    [Fact]
    public async Task Fhir_kit_client_creates_runs_the_partner_transaction_reads_pages_to_the_end_and_gets_the_outcome_of_a_refusal()
    {
        var person = TestIns.Next();
        var holder = fixture.App.PatientClient(person);
        (await holder.PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        (await holder.PutAsJsonAsync($"/api/v1/me/consents/{App}", new { scopes = new[] { "measurements.write:body-weight", "measurements.read:body-weight" } })).EnsureSuccessStatusCode();

        var summary = await RunNodeAsync(new Dictionary<string, string>
        {
            ["MES_FHIR_BASE"] = new Uri(fixture.BaseAddress, "fhir/").AbsoluteUri,
            ["MES_APP_TOKEN"] = fixture.Token(MesRoles.App, App),
            ["MES_HOLDER_TOKEN"] = fixture.Token(MesRoles.Patient, person.Value),
            ["MES_PATIENT"] = person.Value,
        });

        var fhirBase = new Uri(fixture.BaseAddress, "fhir/").AbsoluteUri;
        summary.GetProperty("fhirVersion").GetString().Should().Be("4.0.1");
        var create = summary.GetProperty("create");
        create.GetProperty("status").GetInt32().Should().Be(201);
        create.GetProperty("location").GetString().Should().Be($"{fhirBase}Observation/{create.GetProperty("id").GetString()}/_history/1");
        create.GetProperty("etag").GetString().Should().Be("W/\"1\"");
        var transaction = summary.GetProperty("transaction");
        transaction.GetProperty("type").GetString().Should().Be("transaction-response");
        transaction.GetProperty("statuses").EnumerateArray().Select(s => s.GetString()).Should().Equal("201 Created", "201 Created", "201 Created", "201 Created");
        var device = transaction.GetProperty("locations")[0].GetString()!;
        device.Should().StartWith($"{fhirBase}Device/");
        var again = summary.GetProperty("deviceAgain");
        again.GetProperty("status").GetInt32().Should().Be(200, "the Device is registered already");
        device.Should().Contain(again.GetProperty("id").GetString()!);
        var read = summary.GetProperty("read");
        (read.GetProperty("id").GetString(), read.GetProperty("value").GetDecimal(), read.GetProperty("versionId").GetString())
            .Should().Be((create.GetProperty("id").GetString(), 70m, "1"));
        var search = summary.GetProperty("search");
        search.GetProperty("values").EnumerateArray().Select(v => v.GetDecimal()).Should().Equal(70m, 71m, 72m, 73m);
        search.GetProperty("pages").GetInt32().Should().Be(2, "4 readings, 3 a page, followed by the absolute next link");
        summary.GetProperty("included").EnumerateArray().Select(v => v.GetString()).Should().Equal("Device");
        var refusal = summary.GetProperty("refusal");
        (refusal.GetProperty("status").GetInt32(), refusal.GetProperty("resourceType").GetString(), refusal.GetProperty("expression").GetString())
            .Should().Be((422, "OperationOutcome", "Observation.code.coding"));
    }

    private static async Task<JsonElement> RunNodeAsync(IReadOnlyDictionary<string, string> environment)
    {
        var script = Path.Combine(RepositoryRoot(), "tests", "fhir-js", "client.mjs");
        File.Exists(Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "fhir-kit-client", "package.json"))
            .Should().BeTrue("the test project's build installs fhir-kit-client with npm ci");
        var start = new ProcessStartInfo("node", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var node = Process.Start(start) ?? throw new InvalidOperationException("node could not start");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);
        node.ExitCode.Should().Be(0, await errors);
        using var summary = JsonDocument.Parse(await output);
        return summary.RootElement.Clone();
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MonEspaceSante.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("the tests run from a build inside the repository");
    }
}
