using System.Text.Json;
using MonEspaceSante.Cli;
using MonEspaceSante.Tests.Cli;

namespace MonEspaceSante.Tests.SignIn;

/// <summary><c>mes login</c>: an operator system's client credentials, the token kept between commands and asked again before it expires.</summary>
[Collection(SignInCollection.Name)]
public sealed class CliLoginTests(SignInFixture fixture) : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public async Task An_operator_signs_in_with_a_credentials_file_and_later_commands_use_and_renew_the_token()
    {
        var credentials = folder.File("ops.json");
        await File.WriteAllTextAsync(credentials, """{"clientId": "ops-system", "clientSecret": "ops-secret"}""");
        var cache = folder.File("cache");

        var login = await RunAsync("login", "--credentials", credentials, "--login-cache", cache);
        var list = await RunAsync("waves", "list", "--login-cache", cache);
        var loginFile = Directory.GetFiles(cache).Single();
        var kept = JsonDocument.Parse(await File.ReadAllTextAsync(loginFile)).RootElement;
        await File.WriteAllTextAsync(loginFile, (await File.ReadAllTextAsync(loginFile)).Replace(kept.GetProperty("ExpiresAt").GetString()!, "2020-01-01T00:00:00+00:00", StringComparison.Ordinal));
        var renewed = await RunAsync("waves", "list", "--login-cache", cache);
        var refreshed = JsonDocument.Parse(await File.ReadAllTextAsync(loginFile)).RootElement;
        var notices = await RunAsync("notices", "export", "--login-cache", cache, "--out", folder.File("notices.csv"));

        login.ExitCode.Should().Be(ExitCodes.Ok, login.Output);
        login.Output.Should().StartWith("signed in as ops-system until ").And.Contain("mes.waves");
        (await File.ReadAllTextAsync(loginFile)).Should().NotContain("ops-secret", "the secret stays in its file");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(loginFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        list.ExitCode.Should().Be(ExitCodes.Ok, list.Output);
        renewed.ExitCode.Should().Be(ExitCodes.Ok, renewed.Output);
        refreshed.GetProperty("AccessToken").GetString().Should().NotBe(kept.GetProperty("AccessToken").GetString(), "an expired token is asked again");
        notices.ExitCode.Should().Be(ExitCodes.NotAllowed, "this client has no mes.notices capability");
        (await RunAsync("logout", "--login-cache", cache)).Output.Should().StartWith("signed out of ");
        Directory.GetFiles(cache).Should().BeEmpty();
    }

    [Fact]
    public async Task Wrong_credentials_fail_in_one_line_and_keep_nothing()
    {
        var credentials = folder.File("wrong.json");
        await File.WriteAllTextAsync(credentials, """{"clientId": "ops-system", "clientSecret": "guess"}""");

        var wrong = await RunAsync("login", "--credentials", credentials, "--login-cache", folder.File("cache2"));

        wrong.ExitCode.Should().Be(ExitCodes.NotAllowed);
        wrong.Output.Should().Be("error: the server refused the credentials of client 'ops-system'\n");
        Directory.Exists(folder.File("cache2")).Should().BeFalse();
    }

    private Task<CliRun> RunAsync(params string[] args) => CliHarness.RunAsync([.. args, "--server", fixture.BaseAddress.AbsoluteUri], handlerFactory: null);

    public void Dispose() => folder.Dispose();
}
