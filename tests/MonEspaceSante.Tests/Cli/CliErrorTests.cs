using System.Net;
using System.Net.Sockets;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Cli;
using MonEspaceSante.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace MonEspaceSante.Tests.Cli;

public sealed class CliErrorTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>, IDisposable
{
    private readonly CliHarness mes = new(api);
    private readonly TempFolder folder = new();

    [Fact]
    public async Task Uploading_a_missing_file_fails_in_one_line_naming_the_file()
    {
        var missing = folder.File("nowhere.ndjson");

        var run = await mes.RunAsync("waves", "upload", "wmissing", missing);

        run.ExitCode.Should().Be(ExitCodes.BadInput);
        run.Output.Should().Be($"error: file not found: {missing}\n");
    }

    [Fact]
    public async Task Uploading_a_file_of_another_kind_fails_naming_the_extensions_accepted()
    {
        var file = folder.File("people.xlsx");
        await File.WriteAllTextAsync(file, "not a sheet");

        var run = await mes.RunAsync("waves", "upload", "wother", file);

        run.ExitCode.Should().Be(ExitCodes.BadInput);
        run.Output.Should().Be("error: unsupported file extension '.xlsx' for people.xlsx: use .ndjson or .jsonl (one JSON object per line) "
            + "or .csv (header: ins,email,postal_address,birth_date,departement,birth_name,first_names,used_name)\n");
    }

    [Fact]
    public async Task A_csv_file_without_its_header_is_refused_before_anything_is_sent()
    {
        var file = folder.File("no-header.csv");
        await File.WriteAllTextAsync(file, UploadLines.CsvPerson("h@example.org") + "\n");

        var run = await mes.RunAsync("waves", "upload", "wnoheader", file);

        run.ExitCode.Should().Be(ExitCodes.BadInput);
        run.Output.Should().Be("error: no-header.csv: the first line must be the CSV header ins,email,postal_address,birth_date,departement,birth_name,first_names,used_name (an ins column at least)\n");
    }

    [Fact]
    public async Task A_token_the_server_refuses_is_reported_as_such()
    {
        var run = await mes.RunWithTokenAsync("not-a-token", "waves", "list");

        run.ExitCode.Should().Be(ExitCodes.NotAllowed);
        run.Output.Should().Be("error: the server refused the token (expired or revoked): mes login again, or check --token or MES_TOKEN\n");
    }

    [Fact]
    public async Task A_token_without_the_operator_role_is_reported_as_such()
    {
        var (patientToken, _) = api.Services.GetRequiredService<TokenIssuer>().Issue(MesRoles.Patient, Infrastructure.TestIns.Next().Value);

        var run = await mes.RunWithTokenAsync(patientToken, "waves", "list");

        run.ExitCode.Should().Be(ExitCodes.NotAllowed);
        run.Output.Should().Be("error: this needs an operator whose client has this capability (scope mes.waves, mes.notices...)\n");
    }

    [Fact]
    public async Task A_development_server_mints_the_operator_token_with_dev_token()
    {
        var run = await mes.RunWithTokenAsync(null, "waves", "list", "--dev-token");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Output);
        run.Output.Should().NotContain("error");
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_reported_with_its_address()
    {
        var port = ClosedPort();

        var run = await CliHarness.RunAsync(["waves", "list", "--server", $"http://127.0.0.1:{port}", "--token", "t"], null);

        run.ExitCode.Should().Be(ExitCodes.Unreachable);
        run.Output.Should().Be($"error: cannot reach the server at http://127.0.0.1:{port}/: Connection refused\n");
    }

    [Fact]
    public async Task A_server_error_is_reported_with_its_title_and_detail()
    {
        var run = await mes.RunAsync("waves", "status", "wunknown");

        run.ExitCode.Should().Be(ExitCodes.ServerError);
        run.Output.Should().Be("error: Not found: No wave 'wunknown'.\n");
    }

    [Fact]
    public async Task An_invalid_wave_definition_is_reported_with_the_field_at_fault()
    {
        var run = await mes.RunAsync("waves", "create", "--id", "w-", "--name", "x", "--territory", "31");

        run.ExitCode.Should().Be(ExitCodes.ServerError);
        run.Output.Should().StartWith("error: Invalid input: ");
    }

    public void Dispose() => folder.Dispose();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
