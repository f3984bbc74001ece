using System.Text.RegularExpressions;
using Microsoft.IdentityModel.Tokens;
using MonEspaceSante.Api.SignIn;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>Every private key written in the repository is one a Production start refuses.</summary>
[Trait("Category", "Unit")]
public sealed partial class RepositoryKeysTests
{
    private static readonly string[] Scanned = ["*.cs", "*.json", "*.pem", "*.yml", "*.yaml", "*.md", "*.env"];

    [Fact]
    public void Every_private_key_of_the_repository_is_listed_as_known()
    {
        var keys = RepositoryFiles().SelectMany(file => PrivateKey().Matches(File.ReadAllText(file)).Select(m => (file, pem: Unindent(m.Value)))).ToList();

        keys.Should().HaveCountGreaterThanOrEqualTo(2, "the test keys are written in the repository");
        foreach (var (file, pem) in keys)
        {
            KnownRepositoryKeys.Contains(SignInKeys.Fingerprint(SignInKeys.ReadPem(pem))).Should().BeTrue($"the key in {file} must be refused outside Development");
        }
    }

    [Fact]
    public void The_test_encryption_key_is_listed_as_known() =>
        KnownRepositoryKeys.Contains(SignInKeys.Fingerprint(new SymmetricSecurityKey(Convert.FromBase64String(Infrastructure.TestKeys.Encryption)))).Should().BeTrue();

    [Fact]
    public void A_generated_key_is_not_known_and_signs_RS256()
    {
        var (pem, _) = SignInKeys.Generate();

        var key = SignInKeys.ReadPem(pem);

        key.Should().BeOfType<RsaSecurityKey>();
        KnownRepositoryKeys.Contains(SignInKeys.Fingerprint(key)).Should().BeFalse();
    }

    private static string Unindent(string block) => string.Join('\n', block.Split('\n').Select(line => line.Trim()));

    private static IEnumerable<string> RepositoryFiles()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MonEspaceSante.sln")))
        {
            root = root.Parent;
        }

        root.Should().NotBeNull("the tests run from a build inside the repository");
        return Scanned.SelectMany(pattern => Directory.EnumerateFiles(root!.FullName, pattern, SearchOption.AllDirectories))
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules" or ".git"));
    }

    [GeneratedRegex(@"-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]*?-----END (?:RSA |EC )?PRIVATE KEY-----")]
    private static partial Regex PrivateKey();
}
