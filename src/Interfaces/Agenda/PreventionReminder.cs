namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>
/// A prevention act due soon or now, computed from the person's age and sex and, for vaccinations, their vaccination
/// record (never stored). Personalised prevention messages say why they are shown (decree of 26 May 2024).
/// </summary>
/// <param name="Code">Stable code of the act and occurrence (<c>breast-screening-52</c>, <c>child-exam-4m</c>, <c>flu-2026</c>): what a refusal names.</param>
/// <param name="Category">Vaccination, cancer screening or child examination.</param>
/// <param name="Title">What to do, in plain words.</param>
/// <param name="DueFrom">First day of the recommended window.</param>
/// <param name="DueBy">Last day of the recommended window.</param>
/// <param name="DueNow">Whether the window is open today.</param>
/// <param name="Reason">Why it is shown: the age (and sex) it is recommended at, and for a vaccination what the record holds.</param>
/// <param name="LastDose">For a vaccination, the date of the last recorded dose of what it protects against, if any.</param>
[GenerateSerializer, Immutable, Alias("mes.PreventionReminder")]
public sealed record PreventionReminder(
    [property: Id(0)] string Code,
    [property: Id(1)] PreventionCategory Category,
    [property: Id(2)] string Title,
    [property: Id(3)] DateOnly DueFrom,
    [property: Id(4)] DateOnly DueBy,
    [property: Id(5)] bool DueNow,
    [property: Id(6)] string Reason = "",
    [property: Id(7)] DateOnly? LastDose = null);
