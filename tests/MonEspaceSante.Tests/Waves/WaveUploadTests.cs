using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Api.Waves;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Waves;

public sealed class WaveUploadTests(WaveApiFixture fixture) : IClassFixture<WaveApiFixture>
{
    [Fact]
    public async Task Bad_lines_are_reported_by_number_and_the_good_lines_are_kept()
    {
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId);
        var (first, second, twice) = (TestIns.Next(), TestIns.Next(), TestIns.Next());
        var body = string.Join('\n',
            WaveApiFixture.Line(first, "a@example.fr"),
            """{"ins":"123456789012244","email":"b@example.fr"}""",
            WaveApiFixture.Line(TestIns.Next(), null, null),
            """{"ins": "1850275""",
            WaveApiFixture.Line(twice, "c@example.fr"),
            WaveApiFixture.Line(twice, "c@example.fr"),
            "",
            WaveApiFixture.Line(second, null, "1 rue de la Paix, 31000 Toulouse"));

        var response = await fixture.UploadAsync(waveId, "file-1", body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await response.ReadAsAsync<UploadResponse>();
        result.Accepted.Should().Be(3);
        result.Rejected.Should().Be(4);
        result.LastLine.Should().Be(8);
        result.Errors.Select(e => e.LineNumber).Should().Equal(2, 3, 4, 6);
        result.Errors[0].Reason.Should().StartWith("ins:");
        result.Errors[1].Reason.Should().Contain("contact channel");
        result.Errors[2].Reason.Should().Be("malformed line: not valid JSON");
        result.Errors[3].Reason.Should().Be("this INS already appears at line 5 of this upload");
        result.Errors.Should().AllSatisfy(e => e.Reason.Should().NotContain("123456789012244", "an INS never travels back in clear"));

        var status = await fixture.Wave(waveId).GetStatusAsync();
        status.Members.Should().Be(3);
        status.Outcomes[MemberOutcome.Pending].Should().Be(3);
        var errors = await fixture.Operator.GetFromJsonAsync<List<UploadLineError>>($"/api/v1/waves/{waveId}/uploads/file-1/errors", Json.Options);
        errors!.Select(e => e.LineNumber).Should().Equal(2, 3, 4, 6);
        var upload = await fixture.Operator.GetFromJsonAsync<WaveUploadStatus>($"/api/v1/waves/{waveId}/uploads/file-1", Json.Options);
        upload!.Should().BeEquivalentTo(new { LastLine = 8L, Accepted = 3L, Rejected = 4L });
    }

    [Fact]
    public async Task Resending_the_same_file_or_a_part_of_it_changes_nothing()
    {
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId);
        var people = Enumerable.Range(0, 5000).Select(_ => TestIns.Next()).ToList();
        var body = string.Join('\n', people.Select((p, i) => WaveApiFixture.Line(p, $"p{i}@example.fr")));

        var first = await (await fixture.UploadAsync(waveId, "big", body)).ReadAsAsync<UploadResponse>();
        var again = await (await fixture.UploadAsync(waveId, "big", body)).ReadAsAsync<UploadResponse>();
        var tail = string.Join('\n', people.Skip(4000).Select((p, i) => WaveApiFixture.Line(p, $"p{4000 + i}@example.fr")));
        var resumed = await (await fixture.UploadAsync(waveId, "big", tail, firstLine: 4001)).ReadAsAsync<UploadResponse>();

        first.Should().BeEquivalentTo(new { Received = 5000L, Accepted = 5000L, AlreadyPresent = 0L, Rejected = 0L });
        again.Should().BeEquivalentTo(new { Received = 5000L, Accepted = 0L, AlreadyPresent = 5000L, Rejected = 0L });
        resumed.Should().BeEquivalentTo(new { FirstLine = 4001L, LastLine = 5000L, Accepted = 0L, AlreadyPresent = 1000L, Rejected = 0L });
        (await fixture.Wave(waveId).GetStatusAsync()).Members.Should().Be(5000);
    }

    [Fact]
    public async Task Two_files_sharing_people_uploaded_at_once_add_each_person_once_and_neither_fails()
    {
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId);
        var people = Enumerable.Range(0, 6000).Select(_ => TestIns.Next()).ToList();
        var email = people.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => $"p{x.i}@example.fr");
        var lastFour = people.Skip(2000).OrderBy(p => StringComparer.Ordinal.GetHashCode(p.Value)).ToList();

        // Batches of both files hold the same people in other orders, each written by two transactions side by side.
        var results = await Task.WhenAll(
            UploadOfAsync("left", people.Take(4000)),
            UploadOfAsync("right", lastFour));

        (results[0].Accepted + results[1].Accepted).Should().Be(6000);
        (results[0].AlreadyPresent + results[1].AlreadyPresent).Should().Be(2000);
        results.Should().OnlyContain(r => r.Rejected == 0);
        (await fixture.Wave(waveId).GetStatusAsync()).Members.Should().Be(6000);
        (await fixture.CountAsync("SELECT count(DISTINCT ins) FROM mes_wave_member WHERE wave_id = @wave", waveId)).Should().Be(6000);

        async Task<UploadResponse> UploadOfAsync(string uploadId, IEnumerable<Ins> who) =>
            await (await fixture.UploadAsync(waveId, uploadId, string.Join('\n', who.Select(p => WaveApiFixture.Line(p, email[p]))))).ReadAsAsync<UploadResponse>();
    }

    [Fact]
    public async Task A_person_sent_again_with_other_contact_details_is_refused_and_keeps_the_first_ones()
    {
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId);
        var person = TestIns.Next();
        await fixture.UploadPeopleAsync(waveId, (person, "first@example.fr", null));

        var changed = await (await fixture.UploadAsync(waveId, "other-file", WaveApiFixture.Line(person, "second@example.fr"))).ReadAsAsync<UploadResponse>();

        changed.Accepted.Should().Be(0);
        changed.Errors.Should().ContainSingle().Which.Should().Be(new UploadLineError(1, "this INS is already in the wave with other contact details (upload batch-1, line 1)"));
        (await fixture.CountAsync("SELECT count(*) FROM mes_wave_member WHERE wave_id = @wave AND email = 'first@example.fr'", waveId)).Should().Be(1);
    }

    [Fact]
    public async Task A_line_reached_by_letter_only_needs_the_identity_traits_a_letter_is_addressed_with()
    {
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId);
        var (unnamed, named, emailed) = (TestIns.Next(), TestIns.Next(), TestIns.Next());
        var csv = "ins,email,postal_address,birth_name,first_names,used_name\n"
            + $"{unnamed.Value},,\"2 place du Capitole, 31000 Toulouse\",,,\n"
            + $"{named.Value},,\"3 place du Capitole, 31000 Toulouse\",Durand,Jeanne Louise,Petit\n"
            + $"{emailed.Value},e@example.fr,,,,\n"
            + $"{TestIns.Next().Value},,\"4 place du Capitole\",Durand,=cmd|x,\n";

        var result = await (await fixture.UploadAsync(waveId, "names-1", csv, "text/csv")).ReadAsAsync<UploadResponse>();

        result.Accepted.Should().Be(2);
        result.Errors.Should().Equal(
            new UploadLineError(2, "birthName and firstNames: a person reached by letter only is addressed by name (the INS record's traits)"),
            new UploadLineError(5, "firstNames: at most 100 letters, spaces, hyphens and apostrophes"));
        (await fixture.CountAsync("SELECT count(*) FROM mes_wave_member WHERE wave_id = @wave AND birth_name = 'Durand' AND first_names = 'Jeanne Louise' AND used_name = 'Petit'", waveId)).Should().Be(1);
        RecipientNames.Of("Durand", "Jeanne Louise", "Petit").Should().Be("Jeanne PETIT");
        RecipientNames.Of("Durand", "Jeanne", null).Should().Be("Jeanne DURAND");
    }

    [Fact]
    public async Task A_csv_upload_reports_bad_lines_with_their_line_number_in_the_file()
    {
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId);
        var (a, b) = (TestIns.Next(), TestIns.Next());
        var csv = $"ins,email,postal_address,birth_date,departement\n{a.Value},a@example.fr,,1985-02-01,31\n{b.Value},,\"2 place du Capitole, 31000 Toulouse\",01/02/1985,31\n{TestIns.Next().Value},not-an-email,,,\n";

        var result = await (await fixture.UploadAsync(waveId, "csv-1", csv, "text/csv")).ReadAsAsync<UploadResponse>();

        result.Accepted.Should().Be(1);
        result.Errors.Should().Equal(
            new UploadLineError(3, "birthDate: expected a date as yyyy-MM-dd"),
            new UploadLineError(4, "email: not an e-mail address"));
        (await fixture.CountAsync("SELECT count(*) FROM mes_wave_member WHERE wave_id = @wave AND departement = '31' AND birth_date = '1985-02-01'", waveId)).Should().Be(1);
    }

    [Fact]
    public async Task Uploads_refuse_what_they_cannot_read_and_callers_who_are_not_operators()
    {
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId);
        var line = WaveApiFixture.Line(TestIns.Next(), "x@example.fr");

        var json = await fixture.UploadAsync(waveId, "u1", line, "application/json");
        var noInsColumn = await fixture.UploadAsync(waveId, "u2", "nir,email\n185027512345625,a@example.fr\n", "text/csv");
        var unknown = await fixture.UploadAsync("no-such-wave", "u1", line);
        var badId = await fixture.UploadAsync(waveId, "bad id!", line);
        var patient = await fixture.App.PatientClient(TestIns.Next()).PostAsync($"/api/v1/waves/{waveId}/uploads/u1", new StringContent(line));
        var anonymous = await fixture.App.CreateClient().PostAsync($"/api/v1/waves/{waveId}/uploads/u1", new StringContent(line));

        json.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        json.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await json.Content.ReadAsStringAsync()).Should().Contain("application/x-ndjson");
        noInsColumn.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noInsColumn.Content.ReadAsStringAsync()).Should().Contain("header").And.Contain("'ins' column");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        badId.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badId.Content.ReadAsStringAsync()).Should().Contain("uploadId");
        patient.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await fixture.Wave(waveId).GetStatusAsync()).Members.Should().Be(0);
    }

    [Fact]
    public async Task A_wave_is_created_once_with_a_checked_window_and_can_be_listed()
    {
        var waveId = WaveApiFixture.NewWaveId();
        var created = await fixture.CreateWaveAsync(waveId);
        var again = await fixture.Operator.PostAsJsonAsync("/api/v1/waves", new { id = waveId, name = "Pilote", territory = "31", oppositionWindowDays = 42 });
        var conflicting = await fixture.Operator.PostAsJsonAsync("/api/v1/waves", new { id = waveId, name = "Autre", territory = "31" });
        var tooLong = await fixture.Operator.PostAsJsonAsync("/api/v1/waves", new { name = "X", territory = "31", oppositionWindowDays = 400 });
        await fixture.UploadPeopleAsync(waveId, (TestIns.Next(), "l1@example.fr", null), (TestIns.Next(), "l2@example.fr", null));
        var waves = await fixture.Operator.GetFromJsonAsync<List<WaveStatus>>("/api/v1/waves", Json.Options);

        created.Phase.Should().Be(WavePhase.Draft);
        created.Definition.OppositionWindow.Should().Be(TimeSpan.FromDays(42));
        again.StatusCode.Should().Be(HttpStatusCode.Created);
        conflicting.StatusCode.Should().Be(HttpStatusCode.Conflict);
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadAsStringAsync()).Should().Contain("oppositionWindow");
        waves!.Should().ContainSingle(w => w.WaveId == waveId).Which.Should().BeEquivalentTo(new { Members = 2L, CreatedAt = fixture.App.Clock.GetUtcNow() });
    }
}
