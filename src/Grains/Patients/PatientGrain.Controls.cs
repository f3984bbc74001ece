using System.Text.RegularExpressions;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Controls;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Patients;

/// <summary>The controls facet: who the holder shut out, which urgent access they refuse, who represents a minor.</summary>
internal sealed partial class PatientGrain : IPatientControlsGrain
{
    [GeneratedRegex("^[0-9]{11}$", RegexOptions.CultureInvariant)]
    private static partial Regex RppsPattern();

    async Task<SpaceControls> IPatientControlsGrain.GetControlsAsync(Accessor accessor)
    {
        await AuthorizeAsync(accessor, SpaceBrick.Controls, SpaceAction.Read, "controls");
        return DescribeControls();
    }

    async Task<SpaceControls> IPatientControlsGrain.SetBlockedAsync(Accessor accessor, string rpps, bool blocked)
    {
        if (rpps is null || !RppsPattern().IsMatch(rpps))
        {
            throw new InvalidInputException("rpps", "an RPPS number has 11 digits");
        }

        await AuthorizeAsync(accessor, SpaceBrick.Controls, SpaceAction.Write, blocked ? $"block professional {rpps}" : $"unblock professional {rpps}");
        if (blocked ? controls.State.BlockedProfessionals.Add(rpps) : controls.State.BlockedProfessionals.Remove(rpps))
        {
            await controls.WriteStateAsync();
        }

        return DescribeControls();
    }

    async Task<SpaceControls> IPatientControlsGrain.SetEmergencyAccessAsync(Accessor accessor, bool allowed)
    {
        await AuthorizeAsync(accessor, SpaceBrick.Controls, SpaceAction.Write, allowed ? "allow emergency access" : "refuse emergency access");
        if (controls.State.EmergencyAccessRefused == allowed)
        {
            controls.State.EmergencyAccessRefused = !allowed;
            await controls.WriteStateAsync();
        }

        return DescribeControls();
    }

    async Task<SpaceControls> IPatientControlsGrain.SetBreakGlassAsync(Accessor accessor, bool allowed)
    {
        await AuthorizeAsync(accessor, SpaceBrick.Controls, SpaceAction.Write, allowed ? "allow break-glass access" : "refuse break-glass access");
        if (controls.State.BreakGlassRefused == allowed)
        {
            controls.State.BreakGlassRefused = !allowed;
            await controls.WriteStateAsync();
        }

        return DescribeControls();
    }

    async Task<SpaceControls> IPatientControlsGrain.SetRepresentativeAsync(Accessor accessor, Ins representative, bool present)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        if (accessor.Role != AccessorRole.Operator)
        {
            throw new AccessDeniedException("Legal representatives are recorded by an operator of the insurer.");
        }

        if (representative.Value == Ins)
        {
            throw new InvalidInputException("representative", "a person does not represent themself");
        }

        if (present && !SpacePolicy.IsMinor(PatientKey.ToIns(this.GetPrimaryKeyString()), Now))
        {
            throw new StateConflictException("This person is of age: a legal representative acts only for a minor.");
        }

        await LoadFacetsAsync(SpaceBrick.Controls);
        await RecordAccessAsync(new SpaceGrant(accessor, SpaceViewer.Operator, null), "write", present ? "add legal representative" : "remove legal representative");
        if (present ? controls.State.LegalRepresentatives.Add(representative.Value) : controls.State.LegalRepresentatives.Remove(representative.Value))
        {
            await controls.WriteStateAsync();
        }

        return DescribeControls();
    }

    private SpaceControls DescribeControls() => new(
        controls.State.BlockedProfessionals.Order(StringComparer.Ordinal).ToList(),
        !controls.State.EmergencyAccessRefused,
        !controls.State.BreakGlassRefused,
        controls.State.LegalRepresentatives.Count);
}
