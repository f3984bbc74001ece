using MonEspaceSante.Interfaces.Agenda;

namespace MonEspaceSante.Grains.Agenda;

/// <summary>The agenda facet: appointments and hospitalisations, and the prevention reminder setting.</summary>
[GenerateSerializer, Alias("mes.AgendaState")]
public sealed class AgendaState
{
    /// <summary>Entries by id; bounded by <see cref="AgendaBook.Capacity"/>.</summary>
    [Id(0)] public Dictionary<string, AgendaEntry> Entries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Reminders are on by default: the person turns them off.</summary>
    [Id(1)] public bool PreventionOff { get; set; }

    /// <summary>Reminders the person refused, by code (<c>flu-2026</c>): not shown again.</summary>
    [Id(2)] public HashSet<string> RefusedReminders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Kinds of reminders the person refused whole.</summary>
    [Id(3)] public HashSet<PreventionCategory> RefusedKinds { get; set; } = [];
}
