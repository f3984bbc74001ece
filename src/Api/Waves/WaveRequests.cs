using MonEspaceSante.Interfaces.Enrollment;

namespace MonEspaceSante.Api.Waves;

/// <summary>A new wave. The window defaults to 6 weeks (CSP R1111-28); a wave without start waits for POST .../launch.</summary>
public sealed record CreateWaveRequest(
    string? Id,
    string? Name,
    string? Territory,
    TimeSpan? OppositionWindow,
    int? OppositionWindowDays,
    DateTimeOffset? StartsAt);

/// <summary>What an upload request did.</summary>
public sealed record UploadResponse(
    string UploadId,
    long FirstLine,
    long LastLine,
    long Received,
    long Accepted,
    long AlreadyPresent,
    long Rejected,
    IReadOnlyList<UploadLineError> Errors,
    bool ErrorsTruncated);
