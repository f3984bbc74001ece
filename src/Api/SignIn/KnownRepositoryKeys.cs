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
        "65c9d542140a06c0e124b0e9828e37213a728fd2fbd7af2230080eec376dc728",
        "e183639a782a18ef724b5129caf513fe9c0e7bea3d64de9a302845daacc39060",
        "9b6ba1ef51f128c17d5ceeb0aedde8665945569908e61db6dccb4a8f4c5bd8ab",
    };

    public static bool Contains(string fingerprint) => Fingerprints.Contains(fingerprint);
}
