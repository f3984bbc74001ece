using System.Net;
using System.Text.Json;
using MonEspaceSante.Api.Me;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Api;

public sealed class PostgresModeTests
{
    [Fact]
    public async Task The_same_binary_on_postgresql_keeps_a_space_across_restarts()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("api");
        var ins = TestIns.Next();
        await using (var first = new ApiFactory { PostgresConnectionString = database })
        {
            var opposed = await (await first.PatientClient(ins).PostAsync("/api/v1/me/opposition", null)).ReadAsAsync<SpaceResponse>();
            opposed.Status.Should().Be(EnrollmentStatus.Opposed);
            var ready = await first.CreateClient().GetAsync("/health/ready");
            ready.StatusCode.Should().Be(HttpStatusCode.OK);
            using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            report.RootElement.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString().Should().Be("Healthy");
        }

        await using var second = new ApiFactory { PostgresConnectionString = database };
        var space = await (await second.PatientClient(ins).GetAsync("/api/v1/me")).ReadAsAsync<SpaceResponse>();

        space.Status.Should().Be(EnrollmentStatus.Opposed);
        space.OpposedBy.Should().Be(OppositionSource.Patient);
    }
}
