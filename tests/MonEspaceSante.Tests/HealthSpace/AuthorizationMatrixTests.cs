using System.Net;
using System.Text.Json.Nodes;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.HealthSpace;

/// <summary>
/// Every endpoint against every kind of caller, over HTTP on PostgreSQL: the holder and another patient; an
/// allowed professional, a blocked one, one invoking break-glass in a space that allows it and in one that refused
/// it; an app with the scope, one without, one whose consent was revoked; an operator; an anonymous caller. The
/// OpenAPI document is the list of endpoints, so a new endpoint without a row here fails the test.
/// </summary>
[Collection(HealthSpaceCollection.Name)]
public sealed class AuthorizationMatrixTests(HealthSpaceFixture fixture)
{
    [Fact]
    public async Task Every_endpoint_admits_exactly_the_callers_it_should()
    {
        var open = await MatrixSpace.CreateAsync(fixture, refuseBreakGlass: false);
        var refusing = await MatrixSpace.CreateAsync(fixture, refuseBreakGlass: true);
        var probes = MatrixProbes.All.ToList();
        var mismatches = new List<string>();
        var requests = 0;

        foreach (var probe in probes)
        {
            foreach (var caller in Enum.GetValues<MatrixCaller>())
            {
                var space = caller == MatrixCaller.BreakGlassRefused ? refusing : open;
                var prepared = probe.Prepare is null ? null : await probe.Prepare(fixture, space);
                using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url(space, prepared)) { Content = probe.Body?.Invoke(space) };
                using var response = await ClientFor(caller, space).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                requests++;
                var actual = Classify(response);
                if (actual != probe.Expected[caller])
                {
                    var body = probe.Streaming && response.IsSuccessStatusCode ? "(stream)" : await response.Content.ReadAsStringAsync();
                    mismatches.Add($"{probe.Method} {probe.Route} as {caller}: expected {probe.Expected[caller]}, got {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
                }
            }
        }

        string.Join(Environment.NewLine, mismatches).Should().BeEmpty($"{requests} requests were sent over {probes.Count} endpoints");
    }

    [Fact]
    public async Task The_matrix_covers_every_endpoint_of_the_openapi_document()
    {
        var document = JsonNode.Parse(await fixture.App.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))
            .ToHashSet(StringComparer.Ordinal);
        var probed = MatrixProbes.All.Select(p => $"{p.Method} {p.Route}").ToList();

        probed.Should().OnlyHaveUniqueItems();
        string.Join(", ", documented.Except(MatrixProbes.Public).Except(probed)).Should().BeEmpty("every endpoint has a row in the authorization matrix");
        string.Join(", ", probed.Except(documented)).Should().BeEmpty("every row of the matrix is a documented endpoint");
    }

    private HttpClient ClientFor(MatrixCaller caller, MatrixSpace space) => caller switch
    {
        MatrixCaller.Holder => fixture.App.PatientClient(space.Person),
        MatrixCaller.OtherPatient => fixture.App.RepresentativeClient(MatrixProbes.Stranger, space.Person),
        MatrixCaller.Professional => fixture.App.ProfessionalClient(MatrixSpace.Doctor),
        MatrixCaller.BlockedProfessional => fixture.App.ProfessionalClient(MatrixSpace.Blocked),
        MatrixCaller.BreakGlass or MatrixCaller.BreakGlassRefused => fixture.App.ProfessionalClient(MatrixSpace.Urgent, mode: "break-glass"),
        MatrixCaller.AppWithScope => fixture.App.ClientFor("app", MatrixSpace.WithScope),
        MatrixCaller.AppWithoutScope => fixture.App.ClientFor("app", MatrixSpace.WithoutScope),
        MatrixCaller.AppRevoked => fixture.App.ClientFor("app", MatrixSpace.Revoked),
        MatrixCaller.Operator => fixture.App.ClientFor("operator", "op-1"),
        _ => fixture.App.CreateClient(),
    };

    private static bool IsHidden(HttpResponseMessage response) =>
        response.Content.ReadAsStringAsync().GetAwaiter().GetResult().Contains("No conversation", StringComparison.Ordinal);

    private static MatrixOutcome Classify(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/signin?", StringComparison.Ordinal) == true => MatrixOutcome.SignIn,
        HttpStatusCode.Unauthorized => MatrixOutcome.Unauthorized,
        HttpStatusCode.Forbidden => MatrixOutcome.Forbidden,
        HttpStatusCode.NotFound when response.Content.Headers.ContentType?.MediaType == "application/fhir+json" && IsHidden(response) => MatrixOutcome.Hidden,
        >= HttpStatusCode.InternalServerError => MatrixOutcome.ServerError,
        _ => MatrixOutcome.Admitted,
    };
}
