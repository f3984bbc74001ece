using MonEspaceSante.Interfaces.Access;

namespace MonEspaceSante.Grains.Patients.Access;

/// <summary>
/// What an admitted accessor may see. <see cref="DocumentClasses"/> is null when every class is visible
/// (holder side, apps, professionals in emergency or break-glass, or a profession the matrix does not limit).
/// <see cref="DeclaresCare"/>: this access starts (or renews) the professional's care relationship, to be recorded.
/// </summary>
public sealed record SpaceGrant(Accessor Accessor, SpaceViewer Viewer, IReadOnlySet<string>? DocumentClasses, bool DeclaresCare = false)
{
    /// <summary>The holder, a legal representative, or an app acting for the person.</summary>
    public bool OnHolderSide => Viewer is SpaceViewer.Holder or SpaceViewer.Representative or SpaceViewer.App;

    /// <summary>Whether the accessor is the holder themself (nothing is recorded then).</summary>
    public bool IsHolder => Viewer == SpaceViewer.Holder;

    /// <summary>Whether documents of <paramref name="classCode"/> are visible under the profession matrix.</summary>
    public bool MaySeeClass(string classCode) => DocumentClasses is null || DocumentClasses.Contains(classCode);
}
