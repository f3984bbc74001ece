using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Grains.Agenda;

/// <summary>
/// One recommended act, due between two ages: [<see cref="From"/>, <see cref="Until"/>). A vaccination lists the doses
/// that satisfy it (<see cref="Needs"/>): once the record holds them all, its reminder is no longer shown.
/// </summary>
public sealed record PreventionAct(string Code, PreventionCategory Category, string Title, AgeMark From, AgeMark Until, bool WomenOnly = false)
{
    public IReadOnlyList<DoseNeed> Needs { get; init; } = [];
}

/// <summary>
/// A dose an act asks for: the <see cref="Dose"/>-th dose covering <see cref="Antigen"/> of a child's series, or (a
/// booster) a dose covering it given from the age <see cref="GivenFrom"/>.
/// </summary>
public sealed record DoseNeed(Antigen Antigen, int? Dose = null, AgeMark? GivenFrom = null);
