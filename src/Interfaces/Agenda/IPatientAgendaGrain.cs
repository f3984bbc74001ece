using MonEspaceSante.Interfaces.Access;

namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>
/// The agenda facet of a person's grain (same grain and key as <see cref="Patients.IPatientGrain"/>):
/// appointments and hospitalisations sent by apps (scope <c>agenda.write</c>), professionals and the
/// person, de-duplicated by (source, external id), and prevention reminders computed from age, sex and the vaccination record.
/// Every method checks the accessor against the person's controls and consents and records access by others.
/// </summary>
[Alias("mes.IPatientAgendaGrain")]
public interface IPatientAgendaGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds an entry, or updates in place the one the same source sent with the same external id.
    /// At <c>2,000</c> entries the oldest past ones make room; when all are upcoming, a new one is refused (409).
    /// </summary>
    [Alias("Save")]
    Task<AgendaSaveResult> SaveAsync(Accessor accessor, AgendaDraft draft);

    /// <summary>
    /// A conditional create (FHIR <c>If-None-Exist: identifier=…</c>): like <see cref="SaveAsync"/>, except that the
    /// source's entry with the same external id is the answer, unchanged (a source has one entry per external id).
    /// </summary>
    [Alias("SaveIfNoneExist")]
    Task<AgendaSaveResult> SaveIfNoneExistAsync(Accessor accessor, AgendaDraft draft);

    /// <summary>
    /// Replaces entry <paramref name="id"/>; only its source may (403 for anyone else, 404 if unknown). With
    /// <paramref name="ifVersion"/>, only if the entry is still at that version (412 otherwise).
    /// </summary>
    [Alias("Update")]
    Task<AgendaEntry> UpdateAsync(Accessor accessor, string id, AgendaDraft draft, int? ifVersion);

    /// <summary>Cancels entry <paramref name="id"/> (kept, with status cancelled); only its source may.</summary>
    [Alias("Cancel")]
    Task<AgendaEntry> CancelAsync(Accessor accessor, string id);

    /// <summary>One entry (404 if unknown).</summary>
    [Alias("GetEntry")]
    Task<AgendaEntry> GetEntryAsync(Accessor accessor, string id);

    /// <summary>
    /// Upcoming or past entries by pages of <paramref name="limit"/> (1-1000), continuing after the cursor
    /// <paramref name="after"/>; the first upcoming page of the holder side carries the prevention reminders.
    /// </summary>
    [Alias("GetAgenda")]
    Task<AgendaPage> GetAgendaAsync(Accessor accessor, AgendaWhen when, int limit, string? after);

    /// <summary>Entries starting in [<paramref name="from"/>, <paramref name="to"/>), soonest first, by pages (no reminders).</summary>
    [Alias("Search")]
    Task<AgendaPage> SearchAsync(Accessor accessor, DateTimeOffset? from, DateTimeOffset? to, int limit, string? after);

    /// <summary>Turns prevention reminders on or off; the holder (or a minor's legal representative) only.</summary>
    [Alias("SetPrevention")]
    Task<PreventionSetting> SetPreventionAsync(Accessor accessor, bool enabled);

    /// <summary>The prevention setting and refusals; the holder side.</summary>
    [Alias("GetPrevention")]
    Task<PreventionSetting> GetPreventionAsync(Accessor accessor);

    /// <summary>Refuses the reminder <paramref name="code"/> (404 for a code no reminder has), or takes the refusal back; the holder side only.</summary>
    [Alias("RefuseReminder")]
    Task<PreventionSetting> RefuseReminderAsync(Accessor accessor, string code, bool refused);

    /// <summary>Refuses every reminder of <paramref name="kind"/>, or takes the refusal back; the holder side only.</summary>
    [Alias("RefuseKind")]
    Task<PreventionSetting> RefuseKindAsync(Accessor accessor, PreventionCategory kind, bool refused);

    /// <summary>Every entry, cancelled ones included, by start: for the export of the whole space (holder side only).</summary>
    [Alias("ExportAgenda")]
    Task<IReadOnlyList<AgendaEntry>> ExportAgendaAsync(Accessor accessor);
}
