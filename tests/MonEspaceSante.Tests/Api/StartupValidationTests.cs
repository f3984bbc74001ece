using Microsoft.Extensions.Options;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Api;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Waves:WatchdogPeriod", "00:00:00")]
    [InlineData("Waves:Partitions", "0")]
    [InlineData("Postgres:DataPoolSize", "1")]
    public async Task A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value)
    {
        await using var app = new ApiFactory { Settings = new Dictionary<string, string> { [key] = value } };

        var start = () => app.CreateClient();

        var failure = start.Should().Throw<Exception>().Which;
        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException;
        validation.Should().NotBeNull($"the start fails on options validation, not on something else: {failure}");
        validation!.Message.Should().Contain(key.Split(':')[1]);
    }

    [Fact]
    public async Task Production_refuses_to_keep_our_tables_in_a_throwaway_PostgreSQL()
    {
        await using var app = new ApiFactory { Environment = "Production", Settings = new Dictionary<string, string> { ["ConnectionStrings:Tables"] = "" } };

        var start = () => app.CreateClient();

        var failure = start.Should().Throw<Exception>().Which;
        var validation = failure as OptionsValidationException ?? failure.InnerException as OptionsValidationException;
        validation.Should().NotBeNull($"the start fails on options validation, not on something else: {failure}");
        validation!.Message.Should().Contain("ConnectionStrings:Postgres").And.Contain("refused in Production");
    }
}
