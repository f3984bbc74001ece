namespace MonEspaceSante.Grains.Controls;

/// <summary>The controls facet: blocked professionals, refusals of urgent access, legal representatives of a minor, care relationships.</summary>
[GenerateSerializer, Alias("mes.ControlsState")]
public sealed class ControlsState
{
    [Id(0)] public HashSet<string> BlockedProfessionals { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public bool EmergencyAccessRefused { get; set; }

    [Id(2)] public bool BreakGlassRefused { get; set; }

    /// <summary>INS of the legal representatives; they act for the person while a minor.</summary>
    [Id(3)] public HashSet<string> LegalRepresentatives { get; set; } = new(StringComparer.Ordinal);

    /// <summary>RPPS of each professional who declared a care relationship (the person agreed), and when they last did.</summary>
    [Id(4)] public Dictionary<string, DateTimeOffset> CareRelationships { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The birth date an operator read in the record appointing a representative: the INS holds two digits of the year
    /// only, so that someone born in 1920 and a child born in 2020 look alike; once known, it decides who is a minor.
    /// </summary>
    [Id(5)] public DateOnly? BirthDate { get; set; }

    /// <summary>The minors this person represents (their INS), as operators recorded them in the minors' spaces.</summary>
    [Id(6)] public HashSet<string> Represents { get; set; } = new(StringComparer.Ordinal);
}
