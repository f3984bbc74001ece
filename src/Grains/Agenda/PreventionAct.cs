using MonEspaceSante.Interfaces.Agenda;

namespace MonEspaceSante.Grains.Agenda;

/// <summary>One recommended act, due between two ages: [<see cref="From"/>, <see cref="Until"/>).</summary>
public sealed record PreventionAct(string Code, PreventionCategory Category, string Title, AgeMark From, AgeMark Until, bool WomenOnly = false);
