using MonEspaceSante.Grains.Patients;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Controls;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Grains.Controls;

/// <summary>
/// The holder's controls: who they shut out, which urgent access they refuse, who represents a minor. The access
/// check reads them (<see cref="State"/>) on every decision.
/// </summary>
internal sealed class ControlsFacet(IFacetState<ControlsState> controls, IPersonSpace space, TimeSpan validity)
{
    /// <summary>The controls, once <see cref="LoadAsync"/> has read them.</summary>
    public ControlsState State => controls.State;

    public ValueTask LoadAsync() => controls.LoadAsync();

    public async Task<SpaceControls> GetAsync(Accessor accessor)
    {
        await controls.LoadAsync();
        await space.AuthorizeAsync(accessor, SpaceBrick.Controls, SpaceAction.Read, "controls");
        return Describe();
    }

    public async Task<SpaceControls> SetBlockedAsync(Accessor accessor, string rpps, bool blocked)
    {
        if (!ProfessionalIdentifiers.IsRpps(rpps))
        {
            throw new InvalidInputException("rpps", "an RPPS number has 11 digits");
        }

        await controls.LoadAsync();
        await space.AuthorizeAsync(accessor, SpaceBrick.Controls, SpaceAction.Write, blocked ? $"block professional {rpps}" : $"unblock professional {rpps}");
        return await ChangeAsync(state => blocked ? state.BlockedProfessionals.Add(rpps) : state.BlockedProfessionals.Remove(rpps));
    }

    public async Task<SpaceControls> EndCareRelationshipAsync(Accessor accessor, string rpps)
    {
        if (!ProfessionalIdentifiers.IsRpps(rpps))
        {
            throw new InvalidInputException("rpps", "an RPPS number has 11 digits");
        }

        await controls.LoadAsync();
        await space.AuthorizeAsync(accessor, SpaceBrick.Controls, SpaceAction.Write, $"end care relationship of professional {rpps}");
        return await ChangeAsync(state => state.CareRelationships.Remove(rpps));
    }

    /// <summary>Records that the professional <paramref name="rpps"/> declared a care relationship at <paramref name="at"/> (the access check found none valid).</summary>
    public async Task DeclareCareAsync(string rpps, DateTimeOffset at)
    {
        await controls.LoadAsync();
        controls.State.CareRelationships[rpps] = at;
        await controls.WriteStateAsync();
    }

    public async Task<SpaceControls> SetEmergencyAccessAsync(Accessor accessor, bool allowed)
    {
        await controls.LoadAsync();
        await space.AuthorizeAsync(accessor, SpaceBrick.Controls, SpaceAction.Write, allowed ? "allow emergency access" : "refuse emergency access");
        return await ChangeAsync(state => Set(state.EmergencyAccessRefused, !allowed, v => state.EmergencyAccessRefused = v));
    }

    public async Task<SpaceControls> SetBreakGlassAsync(Accessor accessor, bool allowed)
    {
        await controls.LoadAsync();
        await space.AuthorizeAsync(accessor, SpaceBrick.Controls, SpaceAction.Write, allowed ? "allow break-glass access" : "refuse break-glass access");
        return await ChangeAsync(state => Set(state.BreakGlassRefused, !allowed, v => state.BreakGlassRefused = v));
    }

    /// <summary>
    /// An operator of the insurer records (or removes) a legal representative of a minor, on the strength of a court
    /// decision or civil-status record (<paramref name="reference"/>, required to add one); answers the number of
    /// representatives, not the person's other controls, which operators do not see.
    /// </summary>
    public async Task<int> SetRepresentativeAsync(Accessor accessor, Ins representative, bool present, string? reference, DateOnly? birthDate)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        if (accessor.Role != AccessorRole.Operator)
        {
            throw new AccessDeniedException("Legal representatives are recorded by an operator of the insurer.");
        }

        if (representative == space.Person)
        {
            throw new InvalidInputException("representative", "a person does not represent themself");
        }

        var supporting = reference?.Trim() ?? "";
        if (present && supporting.Length is < 3 or > 100)
        {
            throw new InvalidInputException("reference", "the id of the court decision or civil-status record that appoints this representative (3 to 100 characters)");
        }

        await controls.LoadAsync();
        var born = birthDate ?? controls.State.BirthDate;
        if (present && born is null)
        {
            throw new InvalidInputException("birthDate", "the person's date of birth as the appointing record gives it (YYYY-MM-DD): the INS holds two digits of the year only");
        }

        if (present && !SpacePolicy.AgreesWith(space.Person, born!.Value))
        {
            throw new InvalidInputException("birthDate", "does not agree with the year and month of birth the INS carries");
        }

        if (present && !SpacePolicy.IsMinor(space.Person, space.Now, born))
        {
            throw new StateConflictException("This person is of age: a legal representative acts only for a minor.");
        }

        await space.RecordAccessAsync(new SpaceGrant(accessor, SpaceViewer.Operator, null), "write",
            present ? $"add legal representative (reference {supporting})" : "remove legal representative");
        return (await ChangeAsync(state =>
        {
            if (!present)
            {
                return state.LegalRepresentatives.Remove(representative.Value);
            }

            // The record's birth date is kept with the appointment it came with: one write for both.
            var dated = state.BirthDate != born;
            state.BirthDate = born;
            return state.LegalRepresentatives.Add(representative.Value) | dated;
        })).LegalRepresentatives;
    }

    public async Task SetRepresentedAsync(Accessor accessor, Ins minor, bool present)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        if (accessor.Role != AccessorRole.Operator)
        {
            throw new AccessDeniedException("Legal representatives are recorded by an operator of the insurer.");
        }

        await controls.LoadAsync();
        await ChangeAsync(state => present ? state.Represents.Add(minor.Value) : state.Represents.Remove(minor.Value));
    }

    /// <summary>The minors the person represents; the grain checked that the caller is the holder.</summary>
    public async Task<IReadOnlyList<string>> GetRepresentedAsync()
    {
        await controls.LoadAsync();
        return [.. controls.State.Represents.Order(StringComparer.Ordinal)];
    }

    /// <summary>Applies <paramref name="change"/>; writes only when it changed something.</summary>
    private async Task<SpaceControls> ChangeAsync(Func<ControlsState, bool> change)
    {
        if (change(controls.State))
        {
            await controls.WriteStateAsync();
        }

        return Describe();
    }

    private static bool Set(bool current, bool wanted, Action<bool> set)
    {
        if (current == wanted)
        {
            return false;
        }

        set(wanted);
        return true;
    }

    private SpaceControls Describe() => new(
        controls.State.BlockedProfessionals.Order(StringComparer.Ordinal).ToList(),
        !controls.State.EmergencyAccessRefused,
        !controls.State.BreakGlassRefused,
        controls.State.LegalRepresentatives.Count,
        controls.State.CareRelationships.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new CareRelationship(c.Key, c.Value, c.Value + validity)).ToList());
}
