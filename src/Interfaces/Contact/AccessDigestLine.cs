namespace MonEspaceSante.Interfaces.Contact;

/// <summary>
/// One line of an access digest: who accessed the space (a professional by RPPS, an app, a representative, an operator),
/// their first access of the day, how many times, and the urgent mode if any; never what they read.
/// </summary>
[GenerateSerializer, Immutable, Alias("mes.AccessDigestLine")]
public sealed record AccessDigestLine(
    [property: Id(0)] string Who,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] int Count,
    [property: Id(3)] string? Mode);
