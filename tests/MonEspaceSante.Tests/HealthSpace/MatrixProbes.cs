using System.Net.Http.Json;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.HealthSpace;

/// <summary>Every endpoint of the API with what each caller may do; <see cref="Public"/> lists the few that need no token.</summary>
public static partial class MatrixProbes
{
    /// <summary>Endpoints anyone may call, token or not.</summary>
    public static readonly IReadOnlySet<string> Public = new HashSet<string>(StringComparer.Ordinal) { "POST /dev/token", "GET /fhir/metadata" };

    public static IEnumerable<MatrixProbe> All => [.. Platform(), .. Dashboard(), .. Fhir(), .. MyApi()];

    /// <summary>The operators' dashboard: a session of an agent, never a bearer token (DashboardTests checks the session); never a grain's state, which is health data.</summary>
    private static IEnumerable<MatrixProbe> Dashboard()
    {
        string[] routes =
        [
            "/dashboard", "/dashboard/index.html", "/dashboard/favicon.ico", "/dashboard/index.min.js", "/dashboard/index.css",
            "/dashboard/fonts/{path}", "/dashboard/img/{path}", "/dashboard/version", "/dashboard/DashboardCounters", "/dashboard/ClusterStats",
            "/dashboard/Reminders", "/dashboard/Reminders/{page}", "/dashboard/HistoricalStats/{path}", "/dashboard/SiloProperties/{address}",
            "/dashboard/SiloMetadata/{address}", "/dashboard/SiloStats/{address}", "/dashboard/SiloCounters/{address}",
            "/dashboard/GrainStats/{grainName}", "/dashboard/TopGrainMethods", "/dashboard/LifecycleStages", "/dashboard/GrainTypes",
        ];
        foreach (var route in routes)
        {
            // The bare /dashboard redirects to /dashboard/, and a client drops its token on a redirect.
            yield return Get(route, s => route == "/dashboard" ? "/dashboard/" : route.Replace("{path}", s.Silo, StringComparison.Ordinal).Replace("{page}", "1", StringComparison.Ordinal)
                .Replace("{address}", s.Silo, StringComparison.Ordinal).Replace("{grainName}", "patient", StringComparison.Ordinal), Expect.SessionOnly);
        }

        yield return Get("/dashboard/Trace", _ => "/dashboard/Trace", Expect.SessionOnly) with { Streaming = true };
        yield return Get("/dashboard/GrainState", s => $"/dashboard/GrainState?grainId=ins:{s.Person.Value}&grainType=patient", Expect.SessionOnly);
    }

    private static IEnumerable<MatrixProbe> Platform()
    {
        yield return Get("/api/v1/catalogue/apps", _ => "/api/v1/catalogue/apps", Expect.Authenticated);
        yield return Get("/api/v1/catalogue/apps/{appId}", _ => "/api/v1/catalogue/apps/docs-app", Expect.Authenticated);
        yield return Send("PUT", "/api/v1/catalogue/apps/{appId}", _ => "/api/v1/catalogue/apps/matrix-app",
            _ => JsonContent.Create(new { name = "Matrix", editor = "Tests", scopes = new[] { "documents.read" } }), Expect.Operator);
        yield return Send("DELETE", "/api/v1/catalogue/apps/{appId}", _ => "/api/v1/catalogue/apps/matrix-app", null, Expect.Operator);
        yield return Send("PUT", "/api/v1/patients/{ins}/representatives/{representative}", s => $"/api/v1/patients/{s.Person.Value}/representatives/{Stranger.Value}?reference=jugement-2026-1&{TestIns.BirthDateParameter(s.Person)}", null, Expect.Operator);
        yield return Send("DELETE", "/api/v1/patients/{ins}/representatives/{representative}", s => $"/api/v1/patients/{s.Person.Value}/representatives/{Stranger.Value}", null, Expect.Operator);
        yield return Send("POST", "/api/v1/patients/{ins}/opposition", s => $"/api/v1/patients/{s.Person.Value}/opposition", null, Expect.Operator);
        yield return Send("POST", "/api/v1/waves", _ => "/api/v1/waves", _ => JsonContent.Create(new { id = "matrix-wave", name = "Matrix", territory = "31" }), Expect.Operator);
        yield return Get("/api/v1/waves", _ => "/api/v1/waves", Expect.Operator);
        yield return Get("/api/v1/waves/{waveId}", _ => "/api/v1/waves/matrix-wave", Expect.Operator);
        yield return Send("POST", "/api/v1/waves/{waveId}/launch", _ => "/api/v1/waves/no-such-wave/launch", null, Expect.Operator);
        yield return Send("POST", "/api/v1/waves/{waveId}/uploads/{uploadId}", _ => "/api/v1/waves/no-such-wave/uploads/u1", _ => new StringContent("", System.Text.Encoding.UTF8, "application/x-ndjson"), Expect.Operator);
        yield return Get("/api/v1/waves/{waveId}/uploads/{uploadId}", _ => "/api/v1/waves/no-such-wave/uploads/u1", Expect.Operator);
        yield return Get("/api/v1/waves/{waveId}/uploads/{uploadId}/errors", _ => "/api/v1/waves/no-such-wave/uploads/u1/errors", Expect.Operator);
        yield return Get("/api/v1/notices", _ => "/api/v1/notices?limit=1", Expect.Operator);
        yield return Send("POST", "/api/v1/notices/sent", _ => "/api/v1/notices/sent", _ => JsonContent.Create(new { ids = Array.Empty<long>() }), Expect.Operator);
        yield return Get("/api/v1/notices/undelivered", _ => "/api/v1/notices/undelivered?limit=1", Expect.Operator);
        yield return Send("POST", "/api/v1/notices/{id}/retry", _ => "/api/v1/notices/1/retry", null, Expect.Operator);
        yield return Get("/api/v1/operations/streams", _ => "/api/v1/operations/streams", Expect.Operator);
        yield return Get("/api/v1/operations/streams/dead-letters", _ => "/api/v1/operations/streams/dead-letters", Expect.Operator);
        yield return Send("POST", "/api/v1/operations/streams/dead-letters/{id}/requeue", _ => "/api/v1/operations/streams/dead-letters/1/requeue", null, Expect.Operator);
    }

    /// <summary>A patient who is nobody's representative: the "other patient" of the matrix.</summary>
    public static readonly Interfaces.Identity.Ins Stranger = TestIns.Next();

    private static MatrixProbe Get(string route, Func<MatrixSpace, string> url, IReadOnlyDictionary<MatrixCaller, MatrixOutcome> expected) =>
        new("GET", route, (space, _) => url(space), null, expected);

    private static MatrixProbe Send(string method, string route, Func<MatrixSpace, string> url, Func<MatrixSpace, HttpContent?>? body, IReadOnlyDictionary<MatrixCaller, MatrixOutcome> expected) =>
        new(method, route, (space, _) => url(space), body, expected);
}
