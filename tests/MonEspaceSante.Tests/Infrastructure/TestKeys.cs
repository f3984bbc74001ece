namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>
/// The authorization server's keys in tests: written here so that runs are repeatable, and therefore listed in
/// KnownRepositoryKeys, which a start outside Development refuses. Never use them anywhere else.
/// </summary>
public static class TestKeys
{
    public const string SigningA = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg28l45MWK3BtfCg2/
        HwCkYUj9/+O5t9y7Z3aeZ9+iIu2hRANCAATmGh4xSmXUtDPX28HSQO0B6NcKex23
        6eiW6b3KXHb3yuwnZYpkDZ4EiECyDWXBu9GuluXYum5k6PZPzazQHap1
        -----END PRIVATE KEY-----
        """;

    public const string SigningB = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7ciLy6Qt/JpK+q/Z
        h80DumhM+bDKMqofPsUhM+z2zIyhRANCAATONMhHGHz77XIGvvzF1ogUFh/0GpXZ
        rMwGII9pMd6UpDt5mZvSsedz1hqwsNxJHajlyXa9JMdfwICy/NR0cfNj
        -----END PRIVATE KEY-----
        """;

    public const string Encryption = "nxpggUnHc/LjQjOnUDbJ1WAp0DmBgk8P8+PpaH+o3hI=";

    /// <summary>The settings of a server signing with <paramref name="keys"/> (key ids test-a, test-b), first one signing.</summary>
    public static Dictionary<string, string> Settings(params string[] keys)
    {
        var settings = new Dictionary<string, string>();
        if (keys.Length > 0)
        {
            settings["SignIn:EncryptionKey"] = keys[0] is SigningA or SigningB ? Encryption : Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"SignIn:SigningKeys:{i}:KeyId"] = keys[i] switch { SigningA => "test-a", SigningB => "test-b", _ => $"generated-{i}" };
            settings[$"SignIn:SigningKeys:{i}:Pem"] = keys[i];
        }

        return settings;
    }
}
