using MonEspaceSante.Grains.Controls;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Grains.Patients.Access;

/// <summary>Everything <see cref="SpacePolicy"/> needs to decide one access.</summary>
/// <param name="Accessor">Who asks.</param>
/// <param name="Holder">Whose space it is.</param>
/// <param name="Brick">Which part of the space.</param>
/// <param name="Action">Read or write.</param>
/// <param name="Open">Whether the space is open (active).</param>
/// <param name="Controls">The holder's controls.</param>
/// <param name="Matrix">The profession matrix.</param>
/// <param name="AppHolds">Whether the calling app holds a live consent scope.</param>
/// <param name="Now">The domain clock's now.</param>
/// <param name="Scope">For measurements: the exact scope an app needs.</param>
public sealed record SpaceRequest(
    Accessor Accessor,
    Ins Holder,
    SpaceBrick Brick,
    SpaceAction Action,
    bool Open,
    ControlsState Controls,
    ProfessionMatrixOptions Matrix,
    Func<string, bool> AppHolds,
    DateTimeOffset Now,
    string? Scope = null);
