using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.SignIn;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Waves;

/// <summary><c>/api/v1/waves</c>: opt-out waves for national enrollment operators.</summary>
public static class WaveEndpoints
{
    public static readonly TimeSpan DefaultOppositionWindow = TimeSpan.FromDays(42);

    /// <summary>Opt-out waves for operators: definition, uploads, launch, status.</summary>
    public static MesRoutes MapWaves(this MesRoutes routes) => routes.Map(api => api.MapWaveEndpoints());

    internal static RouteGroupBuilder MapWaveEndpoints(this RouteGroupBuilder api)
    {
        // Reading needs mes.waves.read (or mes.waves); every change needs mes.waves as well.
        var waves = api.MapGroup("/waves").WithTags("Waves").RequireAuthorization(OperatorScopes.WavesRead);

        waves.MapPost("/", CreateAsync).WithName("CreateWave")
            .WithSummary("Creates a wave: name, territory, opposition window (default 42 days), start (optional).")
            .ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(OperatorScopes.Waves);
        waves.MapGet("/", (IGrainFactory grains) => grains.GetGrain<IWaveUploadGrain>(0).ListWavesAsync()).WithName("ListWaves");
        waves.MapGet("/{waveId}", (string waveId, IGrainFactory grains) => grains.GetGrain<IWaveGrain>(waveId).GetStatusAsync())
            .WithName("GetWave").WithSummary("The wave and its progress: people by outcome, rate, estimated time left.");
        waves.MapPost("/{waveId}/launch", (string waveId, IGrainFactory grains) => grains.GetGrain<IWaveGrain>(waveId).LaunchAsync())
            .WithName("LaunchWave").WithSummary("Sends the notices now; the opposition window starts.").RequireAuthorization(OperatorScopes.Waves);
        waves.MapPost("/{waveId}/uploads/{uploadId}", WaveUploadEndpoint.UploadAsync).WithName("UploadToWave").RequireAuthorization(OperatorScopes.Waves)
            .WithSummary("Streams people into the wave (application/x-ndjson, or text/csv with a header). Idempotent by wave and INS; bad lines are reported by number, good ones kept.")
            .WithDescription("Body: application/x-ndjson (one JSON object a line: ins, email, postalAddress, birthDate, departement, birthName, firstNames, usedName) or text/csv with the header ins,email,postal_address,birth_date,departement,birth_name,first_names,used_name; a line reached by letter only needs birthName and firstNames, as the INS record gives them. ?firstLine=N numbers the first line of this body (to resume). GET .../uploads/{uploadId} gives lastLine, the file line where the last committed record starts (a CSV record with a quoted line break spans several lines): resume with the record after it.");
        waves.MapGet("/{waveId}/uploads/{uploadId}", (string waveId, string uploadId, IGrainFactory grains) =>
                grains.GetGrain<IWaveUploadGrain>(0).GetUploadAsync(waveId, WaveUploadEndpoint.CheckUploadId(uploadId)))
            .WithName("GetUpload").WithSummary("How far an upload got (to resume it), lines accepted and refused.");
        waves.MapGet("/{waveId}/uploads/{uploadId}/errors", (string waveId, string uploadId, long? after, int? limit, IGrainFactory grains) =>
                grains.GetGrain<IWaveUploadGrain>(0).GetErrorsAsync(waveId, WaveUploadEndpoint.CheckUploadId(uploadId), after ?? 0, limit ?? 1000))
            .WithName("GetUploadErrors").WithSummary("Refused lines of an upload, by line number; page with ?after=<line>.");
        return api;
    }

    private static async Task<Created<WaveStatus>> CreateAsync(CreateWaveRequest request, IGrainFactory grains)
    {
        var id = string.IsNullOrWhiteSpace(request.Id) ? $"w-{Guid.NewGuid():N}"[..14] : request.Id.Trim();
        var window = request.OppositionWindow
            ?? (request.OppositionWindowDays is { } days ? TimeSpan.FromDays(days) : DefaultOppositionWindow);
        var definition = new WaveDefinition(request.Name?.Trim() ?? "", request.Territory?.Trim() ?? "", window, request.StartsAt);
        if (request.OppositionWindowDays is < 1)
        {
            throw new InvalidInputException("oppositionWindowDays", "must be at least 1");
        }

        var status = await grains.GetGrain<IWaveGrain>(id).CreateAsync(definition);
        return TypedResults.Created($"/api/v1/waves/{id}", status);
    }
}
