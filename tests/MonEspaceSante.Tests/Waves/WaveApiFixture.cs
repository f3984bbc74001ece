using System.Net.Http.Json;
using System.Text;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Api.Waves;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Waves;

/// <summary>The whole application on PostgreSQL, with an operator's client and wave helpers.</summary>
public class WaveApiFixture : PostgresAppFixture
{
    public HttpClient Operator { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Operator = App.ClientFor(MesRoles.Operator, "operator-1");
    }

    public static string NewWaveId() => $"w-{Guid.NewGuid():N}"[..20];

    public async Task<WaveStatus> CreateWaveAsync(string waveId, int windowDays = 42)
    {
        var response = await Operator.PostAsJsonAsync("/api/v1/waves", new { id = waveId, name = "Pilote", territory = "31", oppositionWindowDays = windowDays });
        response.EnsureSuccessStatusCode();
        return await response.ReadAsAsync<WaveStatus>();
    }

    public async Task<HttpResponseMessage> UploadAsync(string waveId, string uploadId, string body, string mediaType = "application/x-ndjson", long? firstLine = null)
    {
        var query = firstLine is null ? "" : $"?firstLine={firstLine}";
        return await Operator.PostAsync($"/api/v1/waves/{waveId}/uploads/{uploadId}{query}", new StringContent(body, Encoding.UTF8, mediaType));
    }

    public async Task<UploadResponse> UploadPeopleAsync(string waveId, params (Ins Ins, string? Email, string? Postal)[] people)
    {
        var body = string.Join('\n', people.Select(p => Line(p.Ins, p.Email, p.Postal)));
        var response = await UploadAsync(waveId, "batch-1", body);
        response.EnsureSuccessStatusCode();
        return await response.ReadAsAsync<UploadResponse>();
    }

    /// <summary>An upload line; the identity traits a letter needs come with every line.</summary>
    public static string Line(Ins ins, string? email, string? postal = null) =>
        System.Text.Json.JsonSerializer.Serialize(new { ins = ins.Value, email, postalAddress = postal, birthName = "Martin", firstNames = "Claire Marie" });

    public IWaveGrain Wave(string waveId) => App.Grains.GetGrain<IWaveGrain>(waveId);

    /// <summary>Runs the wave's schedule check (what its reminder does) until the wave reaches <paramref name="phase"/>.</summary>
    public async Task<WaveStatus> TickUntilAsync(string waveId, WavePhase phase)
    {
        WaveStatus status = null!;
        await Eventually.HoldsAsync(async () => (status = await Wave(waveId).TickAsync()).Phase == phase,
            TimeSpan.FromSeconds(60), $"wave {waveId} reaching {phase}");
        return status;
    }

    /// <summary>Notices of the outbox for a wave, by kind, as the mailing service will see them (address only).</summary>
    public async Task<List<(string Kind, string Channel, string? Email, string? Postal, bool Sent)>> OutboxAsync(string waveId)
    {
        await using var command = Database.CreateCommand("SELECT kind, channel, email, postal_address, sent_at IS NOT NULL FROM mes_outbox WHERE wave_id = @wave ORDER BY id");
        command.Parameters.AddWithValue("wave", waveId);
        var notices = new List<(string, string, string?, string?, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            notices.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4)));
        }

        return notices;
    }

    public Task<long> CountAsync(string sql, string? waveId = null) =>
        waveId is null ? base.CountAsync(sql) : base.CountAsync(sql, ("wave", waveId));
}
