using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.HealthSpace;

/// <summary>
/// One endpoint of the matrix: its method and route as the OpenAPI document names it, the URL and body to send in
/// a given space (with the id <see cref="Prepare"/> made for this very call, for probes that delete or change
/// something), and the outcome expected for each caller.
/// </summary>
public sealed record MatrixProbe(
    string Method,
    string Route,
    Func<MatrixSpace, string?, string> Url,
    Func<MatrixSpace, HttpContent?>? Body,
    IReadOnlyDictionary<MatrixCaller, MatrixOutcome> Expected,
    Func<HealthSpaceFixture, MatrixSpace, Task<string>>? Prepare = null,
    bool Streaming = false);

/// <summary>Expected outcomes, built from the few shapes they take.</summary>
public static class Expect
{
    private const MatrixOutcome A = MatrixOutcome.Admitted;
    private const MatrixOutcome F = MatrixOutcome.Forbidden;

    /// <summary>Everyone refused (403) but those admitted; anonymous callers get 401.</summary>
    public static IReadOnlyDictionary<MatrixCaller, MatrixOutcome> Only(params MatrixCaller[] admitted) =>
        Enum.GetValues<MatrixCaller>().ToDictionary(c => c, c => c == MatrixCaller.Anonymous ? MatrixOutcome.Unauthorized : admitted.Contains(c) ? A : F);

    /// <summary>
    /// One conversation: the holder and the professional who started it; other professionals admitted to the space
    /// (break-glass here) find no such conversation; everyone else is refused.
    /// </summary>
    public static IReadOnlyDictionary<MatrixCaller, MatrixOutcome> Conversation =>
        Only(MatrixCaller.Holder, MatrixCaller.Professional).ToDictionary(e => e.Key, e => e.Key == MatrixCaller.BreakGlass ? MatrixOutcome.Hidden : e.Value);

    /// <summary>The holder's JSON API: the holder alone (a stranger naming the space with X-Act-For is refused).</summary>
    public static IReadOnlyDictionary<MatrixCaller, MatrixOutcome> Holder => Only(MatrixCaller.Holder);

    public static IReadOnlyDictionary<MatrixCaller, MatrixOutcome> Operator => Only(MatrixCaller.Operator);

    /// <summary>Nobody with a token: everyone is sent to sign in (the dashboard wants an agent's session).</summary>
    public static IReadOnlyDictionary<MatrixCaller, MatrixOutcome> SessionOnly => Enum.GetValues<MatrixCaller>().ToDictionary(c => c, _ => MatrixOutcome.SignIn);

    public static IReadOnlyDictionary<MatrixCaller, MatrixOutcome> Authenticated =>
        Only(Enum.GetValues<MatrixCaller>().Where(c => c != MatrixCaller.Anonymous).ToArray());

    /// <summary>
    /// A brick over FHIR: the holder, professionals under the person's controls (the allowed one, and break-glass
    /// when not refused; never the blocked one), the app holding the scope if <paramref name="apps"/>, operators if <paramref name="operators"/>.
    /// </summary>
    public static IReadOnlyDictionary<MatrixCaller, MatrixOutcome> Space(bool holder = true, bool professionals = true, bool apps = false, bool operators = false) =>
        Only([
            .. holder ? [MatrixCaller.Holder] : Array.Empty<MatrixCaller>(),
            .. professionals ? [MatrixCaller.Professional, MatrixCaller.BreakGlass] : Array.Empty<MatrixCaller>(),
            .. apps ? [MatrixCaller.AppWithScope] : Array.Empty<MatrixCaller>(),
            .. operators ? [MatrixCaller.Operator] : Array.Empty<MatrixCaller>(),
        ]);
}
