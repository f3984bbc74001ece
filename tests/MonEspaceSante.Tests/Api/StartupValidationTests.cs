using Microsoft.Extensions.Options;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Api;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Waves:WatchdogPeriod", "00:00:00")]
    [InlineData("Waves:Partitions", "0")]
    [InlineData("Postgres:DataPoolSize", "1")]
    [InlineData("Notices:Delivery:BatchSize", "0")]
    [InlineData("Cors:Origins:0", "https://frontend.example/app")]
    [InlineData("Cors:Origins:0", "*")]
    public async Task A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value)
    {
        await using var app = new ApiFactory { Settings = new Dictionary<string, string> { [key] = value } };

        var start = () => app.CreateClient();

        var failure = start.Should().Throw<Exception>().Which;
        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException;
        validation.Should().NotBeNull($"the start fails on options validation, not on something else: {failure}");
        validation!.Message.Should().Contain(key.Split(':')[1]);
    }

    [Theory]
    [InlineData("no connection string, our tables in a throwaway server", "Silo", "ConnectionStrings:Postgres")]
    [InlineData("no connection string, our tables in a given database", "Silo", "ConnectionStrings:Postgres")]
    [InlineData("memory streams on PostgreSQL", "Silo", "Streams:Provider=Memory")]
    [InlineData("an API tier without a connection string", "Api", "ConnectionStrings:Postgres")]
    [InlineData("an API tier on memory streams", "Api", "Streams:Provider=Memory")]
    public async Task Production_refuses_storage_that_loses_what_it_acknowledges(string what, string role, string named)
    {
        var settings = new Dictionary<string, string> { ["Mes:Role"] = role };
        string? postgres = null;
        if (what.Contains("memory streams", StringComparison.Ordinal))
        {
            postgres = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("durable");
            settings["Streams:Provider"] = "Memory";
        }
        else if (what.Contains("throwaway", StringComparison.Ordinal))
        {
            settings["ConnectionStrings:Tables"] = "";
        }

        await using var app = new ApiFactory { Environment = "Production", PostgresConnectionString = postgres, Settings = settings };

        var start = () => app.CreateClient();

        var failure = start.Should().Throw<Exception>().Which;
        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException;
        validation.Should().NotBeNull($"the start fails on options validation, not on something else: {failure}");
        validation!.Message.Should().Contain(named, what);
    }

    [Theory]
    [InlineData("Email:Mode", "Folder", "Notices:Delivery:Email:Mode=Smtp")]
    [InlineData("Push:Mode", "Folder", "Notices:Delivery:Push:Mode=Folder")]
    public async Task Production_refuses_the_development_sinks_of_notices(string setting, string value, string named)
    {
        var postgres = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("delivery");
        var settings = new Dictionary<string, string>(ProductionSettings.Safe())
        {
            ["Notices:Delivery:Enabled"] = "true",
            ["Notices:Delivery:Email:Mode"] = "Smtp",
            ["Notices:Delivery:Email:Host"] = "smtp.example",
            ["Notices:Delivery:Push:Mode"] = "None",
            ["Notices:Delivery:Sms:Mode"] = "None",
            [$"Notices:Delivery:{setting}"] = value,
        };
        await using var app = new ApiFactory
        {
            Environment = "Production", PostgresConnectionString = postgres, Issuer = "https://mes.example/",
            SigningKeys = [MonEspaceSante.Api.SignIn.SignInKeys.Generate().SigningPem], Settings = settings,
        };

        var start = () => app.CreateClient();

        var failure = start.Should().Throw<Exception>().Which;
        (failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException)?.Message.Should().Contain(named, failure.ToString());
    }
}
