using MonEspaceSante.Interfaces.Access;

namespace MonEspaceSante.Grains.Agenda;

/// <summary>
/// Who an agenda entry belongs to: the person (also when a minor's legal representative writes), an app,
/// or a professional by RPPS. Prefixed so that an app id and an RPPS number can never name the same source.
/// </summary>
public static class AgendaSource
{
    public const string Patient = "patient";

    /// <summary>The source of what <paramref name="accessor"/> writes; operators never get this far (the policy refuses them the agenda).</summary>
    public static string Of(Accessor accessor)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        return accessor.Role switch
        {
            AccessorRole.Patient => Patient,
            AccessorRole.App => $"app:{accessor.Id}",
            AccessorRole.Professional => $"rpps:{accessor.Id}",
            _ => $"operator:{accessor.Id}",
        };
    }
}
