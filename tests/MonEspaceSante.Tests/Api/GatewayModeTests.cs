using System.Net;
using MonEspaceSante.Api.Me;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Api;

public sealed class GatewayModeTests
{
    [Fact]
    public async Task Api_role_serves_requests_as_a_stateless_client_of_a_postgresql_silo()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("gateway");
        var clusterId = $"gw-{Guid.NewGuid():N}";
        var ins = TestIns.Next();
        await using var silo = new ApiFactory
        {
            PostgresConnectionString = database,
            Settings = new Dictionary<string, string> { ["Orleans:ClusterId"] = clusterId },
        };
        (await silo.PatientClient(ins).PostAsync("/api/v1/me/opposition", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var api = new ApiFactory
        {
            PostgresConnectionString = database,
            Settings = new Dictionary<string, string> { ["Mes:Role"] = "Api", ["Orleans:ClusterId"] = clusterId },
        };
        var space = await (await api.PatientClient(ins).GetAsync("/api/v1/me")).ReadAsAsync<SpaceResponse>();
        var ready = await api.CreateClient().GetAsync("/health/ready");

        space.Status.Should().Be(EnrollmentStatus.Opposed);
        space.OpposedBy.Should().Be(OppositionSource.Patient);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("orleans-cluster").And.Contain("1 active silo(s)");
    }
}
