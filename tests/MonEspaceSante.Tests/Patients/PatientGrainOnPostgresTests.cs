using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;

namespace MonEspaceSante.Tests.Patients;

[Collection(PostgresClusterCollection.Name)]
public sealed class PatientGrainOnPostgresTests(PostgresClusterFixture fixture)
{
    private IPatientGrain Patient(Interfaces.Identity.Ins ins) => fixture.Client.GetPatient(ins);

    [Fact]
    public async Task The_grain_itself_refuses_the_holder_s_own_calls_from_anyone_else()
    {
        var ins = TestIns.Next();
        var other = TestIns.Next();
        var consents = fixture.Client.GetGrain<MonEspaceSante.Interfaces.Consents.IPatientConsentsGrain>(PatientKey.From(ins));

        var activateForSomeoneElse = () => Patient(ins).ActivateAsync(MonEspaceSante.Tests.Facets.Callers.Holder(other));
        var readByAnApp = () => Patient(ins).GetSpaceAsync(MonEspaceSante.Tests.Facets.Callers.App("glyco"));
        var closeByAProfessional = () => Patient(ins).CloseAsync(MonEspaceSante.Tests.Facets.Callers.Physician());
        var grantByAnOperator = () => consents.GrantAsync(MonEspaceSante.Tests.Facets.Callers.Operator(), "glyco", ["measurements.read:glucose"]);
        var listForSomeoneElse = () => consents.GetConsentsAsync(MonEspaceSante.Tests.Facets.Callers.Holder(other));

        await activateForSomeoneElse.Should().ThrowAsync<MonEspaceSante.Interfaces.Errors.AccessDeniedException>();
        await readByAnApp.Should().ThrowAsync<MonEspaceSante.Interfaces.Errors.AccessDeniedException>();
        await closeByAProfessional.Should().ThrowAsync<MonEspaceSante.Interfaces.Errors.AccessDeniedException>();
        await grantByAnOperator.Should().ThrowAsync<MonEspaceSante.Interfaces.Errors.AccessDeniedException>();
        await listForSomeoneElse.Should().ThrowAsync<MonEspaceSante.Interfaces.Errors.AccessDeniedException>();
        (await Patient(ins).GetSpaceAsync(MonEspaceSante.Tests.Facets.Callers.Holder(ins))).Status.Should().Be(EnrollmentStatus.NotNotified, "nothing was done");
    }

    [Fact]
    public async Task State_survives_deactivation()
    {
        var ins = TestIns.Next();
        await Patient(ins).OpposeOnBehalfAsync(MonEspaceSante.Tests.Facets.Callers.Operator());

        await fixture.Cluster.DeactivateAsync(Patient(ins));
        var view = await Patient(ins).GetSpaceAsync(MonEspaceSante.Tests.Facets.Callers.Holder(ins));

        view.Status.Should().Be(EnrollmentStatus.Opposed);
        view.OpposedBy.Should().Be(OppositionSource.Operator);
        view.OpposedAt.Should().Be(fixture.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Deadline_passing_while_the_grain_is_deactivated_opens_the_space_on_next_activation()
    {
        var ins = TestIns.Next();
        var now = fixture.Clock.GetUtcNow();
        var notice = new EnrollmentNotice($"wave-{Guid.NewGuid():N}", NoticeChannel.Letter, now, now.AddDays(42));
        (await Patient(ins).NotifyAsync(notice)).Should().Be(NotifyOutcome.Notified);
        await fixture.Cluster.DeactivateAsync(Patient(ins));

        // Other tests share the clock: only ever move it forward, far enough for this deadline.
        fixture.Clock.Advance(TimeSpan.FromDays(43));
        var view = await Patient(ins).GetSpaceAsync(MonEspaceSante.Tests.Facets.Callers.Holder(ins));

        view.Status.Should().Be(EnrollmentStatus.Active);
        view.ActivationMode.Should().Be(ActivationMode.Automatic);
        view.ActivatedAt.Should().Be(notice.OppositionDeadline);
        view.CanOppose.Should().BeFalse();
        (await StoredProfileJsonAsync(ins)).Should().Contain("\"Status\":\"Active\"");
    }

    [Fact]
    public async Task Opposition_after_a_deadline_passed_while_deactivated_is_refused()
    {
        var ins = TestIns.Next();
        var now = fixture.Clock.GetUtcNow();
        await Patient(ins).NotifyAsync(new EnrollmentNotice("wave-late", NoticeChannel.Email, now, now.AddDays(42)));
        await fixture.Cluster.DeactivateAsync(Patient(ins));
        fixture.Clock.Advance(TimeSpan.FromDays(43));

        var act = () => Patient(ins).OpposeAsync(MonEspaceSante.Tests.Facets.Callers.Holder(ins));

        await act.Should().ThrowAsync<Interfaces.Errors.StateConflictException>();
        (await Patient(ins).GetSpaceAsync(MonEspaceSante.Tests.Facets.Callers.Holder(ins))).Status.Should().Be(EnrollmentStatus.Active);
    }

    [Fact]
    public async Task Two_distinct_ins_never_share_a_state_row()
    {
        // A Corsican NIR and one whose digits would be the same once 2A is replaced: each lands in
        // its own row, under its whole grain id.
        var corsican = Interfaces.Identity.Ins.FromBody("185022A" + Random.Shared.Next(100_000, 999_999));
        var neighbour = Interfaces.Identity.Ins.FromBody("1850219" + corsican.Value[7..13]);
        await Patient(corsican).OpposeAsync(MonEspaceSante.Tests.Facets.Callers.Holder(corsican));
        await Patient(neighbour).ActivateAsync(MonEspaceSante.Tests.Facets.Callers.Holder(neighbour));
        await fixture.Cluster.DeactivateAsync(Patient(corsican));
        await fixture.Cluster.DeactivateAsync(Patient(neighbour));

        (await Patient(corsican).GetSpaceAsync(MonEspaceSante.Tests.Facets.Callers.Holder(corsican))).Status.Should().Be(EnrollmentStatus.Opposed);
        (await Patient(neighbour).GetSpaceAsync(MonEspaceSante.Tests.Facets.Callers.Holder(neighbour))).Status.Should().Be(EnrollmentStatus.Active);
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT grain_id FROM mes_grain_state WHERE state_name = 'patient.profile' AND grain_id = ANY(@keys) ORDER BY 1",
            connection);
        command.Parameters.AddWithValue("keys", new[] { $"patient/{PatientKey.From(corsican)}", $"patient/{PatientKey.From(neighbour)}" });
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        rows.Should().BeEquivalentTo([$"patient/{PatientKey.From(corsican)}", $"patient/{PatientKey.From(neighbour)}"]);
    }

    [Fact]
    public async Task Both_silos_are_active_members_in_postgresql()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE status = 3", connection);

        var active = (long)(await command.ExecuteScalarAsync())!;

        active.Should().Be(2);
        fixture.Cluster.GetActiveSilos().Should().HaveCount(2);
    }

    private async Task<string> StoredProfileJsonAsync(Interfaces.Identity.Ins ins)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT convert_from(payload, 'UTF8') FROM mes_grain_state WHERE state_name = 'patient.profile' AND grain_id = @key", connection);
        command.Parameters.AddWithValue("key", $"patient/{PatientKey.From(ins)}");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
