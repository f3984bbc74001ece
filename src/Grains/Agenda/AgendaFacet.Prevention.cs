using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Grains.Agenda;

/// <summary>The prevention reminders of the agenda: computed on read, turned off, refused one by one or by kind.</summary>
internal sealed partial class AgendaFacet
{
    public Task<PreventionSetting> SetPreventionAsync(Accessor accessor, bool enabled) =>
        ChangePreventionAsync(accessor, enabled ? "turn prevention reminders on" : "turn prevention reminders off", state =>
        {
            var changed = state.PreventionOff == enabled;
            state.PreventionOff = !enabled;
            return changed;
        });

    /// <summary>The setting and refusals, the holder side's only: a refused vaccination is the person's business.</summary>
    public async Task<PreventionSetting> GetPreventionAsync(Accessor accessor)
    {
        HolderSide(accessor);
        await agenda.LoadAsync();
        await space.AuthorizeAsync(accessor, SpaceBrick.Agenda, SpaceAction.Read, "prevention reminder settings");
        return Setting();
    }

    /// <summary>Refuses reminder <paramref name="code"/> (it is not shown again), or takes the refusal back.</summary>
    public Task<PreventionSetting> RefuseReminderAsync(Accessor accessor, string code, bool refused)
    {
        if (code is null || !PreventionSchedule.IsReminderCode(code))
        {
            throw new ResourceNotFoundException($"No prevention reminder has the code '{code}'.");
        }

        return ChangePreventionAsync(accessor, refused ? $"refuse prevention reminder {code}" : $"accept prevention reminder {code} again",
            state => refused ? state.RefusedReminders.Add(code) : state.RefusedReminders.Remove(code));
    }

    /// <summary>Refuses every reminder of <paramref name="kind"/>, or takes the refusal back.</summary>
    public Task<PreventionSetting> RefuseKindAsync(Accessor accessor, PreventionCategory kind, bool refused) =>
        ChangePreventionAsync(accessor, refused ? $"refuse {kind} reminders" : $"accept {kind} reminders again",
            state => refused ? state.RefusedKinds.Add(kind) : state.RefusedKinds.Remove(kind));

    private async Task<PreventionSetting> ChangePreventionAsync(Accessor accessor, string what, Func<AgendaState, bool> change)
    {
        HolderSide(accessor);
        await agenda.LoadAsync();
        await space.AuthorizeAsync(accessor, SpaceBrick.Agenda, SpaceAction.Write, what);
        if (change(agenda.State))
        {
            await agenda.WriteStateAsync();
        }

        return Setting();
    }

    private static void HolderSide(Accessor accessor)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        if (accessor.Role != AccessorRole.Patient)
        {
            throw new AccessDeniedException("Only the person (or a minor's legal representative) reads and sets their prevention reminders.");
        }
    }

    private PreventionSetting Setting() => new(!agenda.State.PreventionOff,
        [.. agenda.State.RefusedKinds.Order()], [.. agenda.State.RefusedReminders.Order(StringComparer.Ordinal)]);

    /// <summary>The reminders due, less the vaccinations the record holds (as <paramref name="grant"/> may see it) and the refused ones.</summary>
    private async Task<IReadOnlyList<PreventionReminder>> RemindersAsync(SpaceGrant grant)
    {
        var ins = space.Person;
        var doses = (await profile.VaccinationsAsync(grant)).Select(v => new RecordedDose(v.Occurred!.Value, VaccineCoverage.Of(v.Codes))).ToList();
        var state = agenda.State;
        return [.. PreventionCalendar.Due(InsDemographics.BirthMonth(ins, Now), InsDemographics.IsFemale(ins), ParisTime.Today(Now), doses)
            .Where(r => !state.RefusedKinds.Contains(r.Category) && !state.RefusedReminders.Contains(r.Code))];
    }
}
