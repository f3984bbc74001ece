using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Patients;

/// <summary>Its own cluster, since it stops a silo.</summary>
public sealed class SiloFailoverTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    [Fact]
    public async Task State_written_on_one_silo_is_read_from_storage_by_the_other_once_the_first_stops()
    {
        var ins = TestIns.Next();
        var grain = fixture.Client.GetPatient(ins);
        await grain.ActivateAsync(MonEspaceSante.Tests.Facets.Callers.Holder(ins));
        fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out var context).Should().BeTrue();
        var firstHost = context!.Address.SiloAddress;
        var survivor = fixture.Cluster.Silos.Single(s => !s.SiloAddress.Equals(firstHost));

        await fixture.Cluster.StopSiloAsync(fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(firstHost)));
        var view = await grain.GetSpaceAsync(MonEspaceSante.Tests.Facets.Callers.Holder(ins));

        view.Status.Should().Be(EnrollmentStatus.Active);
        view.ActivationMode.Should().Be(ActivationMode.Self);
        fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out var moved).Should().BeTrue();
        moved!.Address.SiloAddress.Should().Be(survivor.SiloAddress);
    }
}
