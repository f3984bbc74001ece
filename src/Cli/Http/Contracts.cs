namespace MonEspaceSante.Cli.Http;

// The JSON the server speaks, as far as the tool reads it. The tool talks HTTP only: these mirror
// the API's shapes rather than referencing its assemblies.

internal sealed record WaveDefinition(string Name, string Territory, TimeSpan OppositionWindow, DateTimeOffset? StartsAt);

internal sealed record Wave(
    string WaveId,
    WaveDefinition Definition,
    string Phase,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LaunchedAt,
    DateTimeOffset? Deadline,
    long Members,
    IReadOnlyDictionary<string, long>? Outcomes,
    long Dispatched,
    double RatePerSecond,
    TimeSpan? EstimatedRemaining,
    DateTimeOffset? CompletedAt);

internal sealed record NewWave(string? Id, string Name, string Territory, int OppositionWindowDays, DateTimeOffset? StartsAt);

internal sealed record LineRefusal(long LineNumber, string Reason);

/// <summary>What one upload request did.</summary>
internal sealed record UploadReport(
    string UploadId,
    long FirstLine,
    long LastLine,
    long Received,
    long Accepted,
    long AlreadyPresent,
    long Rejected,
    IReadOnlyList<LineRefusal> Errors,
    bool ErrorsTruncated);

/// <summary>How far an upload got: every file line up to <see cref="LastLine"/> is committed.</summary>
internal sealed record UploadProgressState(string UploadId, long LastLine, long Accepted, long Rejected, DateTimeOffset? UpdatedAt);

internal sealed record MarkSent(IReadOnlyList<long> Ids);

internal sealed record MarkSentReport(int Marked, int AlreadySent, int Unknown);

internal sealed record DevTokenRequest(string Role, string Subject);

internal sealed record DevToken(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>RFC 7807 problem details, as the JSON endpoints answer errors.</summary>
internal sealed record Problem(string? Title, int? Status, string? Detail, IReadOnlyDictionary<string, string[]>? Errors);
