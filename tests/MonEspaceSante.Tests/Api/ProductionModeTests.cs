using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Api;

public sealed class ProductionApiFixture : ApiFactory
{
    public ProductionApiFixture()
    {
        Environment = "Production";
    }
}

public sealed class ProductionModeTests(ProductionApiFixture api) : IClassFixture<ProductionApiFixture>
{
    [Fact]
    public async Task Dev_token_endpoint_is_refused_outside_development()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/dev/token", new { role = "operator", subject = "me" });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("disabled outside the Development environment");
    }
}
