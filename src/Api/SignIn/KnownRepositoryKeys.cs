namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// The SHA-256 fingerprints (<see cref="SignInKeys.Fingerprint(Microsoft.IdentityModel.Tokens.AsymmetricSecurityKey)"/>) of every
/// key written in this repository: the test keys (tests/MonEspaceSante.Tests/Infrastructure/TestKeys.cs). A start
/// outside Development with one of them fails; a test checks that every private key of the repository is listed here.
/// </summary>
public static class KnownRepositoryKeys
{
    private static readonly HashSet<string> Fingerprints = new(StringComparer.Ordinal)
    {
        // tests: signing key "test-a", signing key "test-b" (rotation), encryption key.
        "4d9d8fdcf2016cf21945bafae1df7d1f19da1a6383559caf8ba93fb950113783",
        "a747787c10cdbdad9b430c2ea692d1a21fcc8290051149f129fc7972a394ad2b",
        "9b6ba1ef51f128c17d5ceeb0aedde8665945569908e61db6dccb4a8f4c5bd8ab",
    };

    public static bool Contains(string fingerprint) => Fingerprints.Contains(fingerprint);
}
