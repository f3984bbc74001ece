namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>
/// A prevention act due soon or now, computed from the person's age and sex (never stored).
/// </summary>
/// <param name="Code">Stable code of the act and occurrence (<c>breast-screening-52</c>, <c>child-exam-4m</c>, <c>flu-2026</c>).</param>
/// <param name="Category">Vaccination, cancer screening or child examination.</param>
/// <param name="Title">What to do, in plain words.</param>
/// <param name="DueFrom">First day of the recommended window.</param>
/// <param name="DueBy">Last day of the recommended window.</param>
/// <param name="DueNow">Whether the window is open today.</param>
[GenerateSerializer, Immutable, Alias("mes.PreventionReminder")]
public sealed record PreventionReminder(
    [property: Id(0)] string Code,
    [property: Id(1)] PreventionCategory Category,
    [property: Id(2)] string Title,
    [property: Id(3)] DateOnly DueFrom,
    [property: Id(4)] DateOnly DueBy,
    [property: Id(5)] bool DueNow);
