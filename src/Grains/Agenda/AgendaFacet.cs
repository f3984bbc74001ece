using System.Text.RegularExpressions;
using MonEspaceSante.Grains.Patients;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Grains.Profile;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Grains.Agenda;

/// <summary>
/// The agenda of one person. An entry belongs to its source (the person, an app, a professional by RPPS): a resend
/// with the same external id updates it in place, and no other source may change or cancel it. Prevention
/// reminders are computed on each read from the INS (birth month, sex), the vaccination record of the medical profile
/// and the domain clock, less those the person refused.
/// </summary>
internal sealed partial class AgendaFacet(IFacetState<AgendaState> agenda, IPersonSpace space, MedicalProfileFacet profile)
{
    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex EntryIdPattern();

    private AgendaBook Book => new(agenda.State.Entries);

    private DateTimeOffset Now => space.Now;

    /// <summary>Creates an entry, or updates the source's entry with the same external id; with <paramref name="ifNoneExist"/>, that entry is the answer, unchanged.</summary>
    public async Task<AgendaSaveResult> SaveAsync(Accessor accessor, AgendaDraft draft, bool ifNoneExist = false)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        CheckDraft(accessor, draft);
        var source = AgendaSource.Of(accessor);
        await agenda.LoadAsync();
        var book = Book;
        var existing = draft.ExternalId is null ? null : book.Find(source, draft.ExternalSystem, draft.ExternalId);
        var id = existing?.Id ?? Guid.NewGuid().ToString("N");
        await space.AuthorizeAsync(accessor, SpaceBrick.Agenda, SpaceAction.Write, $"appointment {id}");
        if (existing is not null)
        {
            return new AgendaSaveResult(ifNoneExist ? existing : await ReplaceAsync(existing, draft), Created: false);
        }

        if (!book.MakeRoom(Now))
        {
            throw new StateConflictException($"This agenda holds {AgendaBook.Capacity} upcoming entries: cancel some before adding more.");
        }

        var entry = new AgendaEntry(id, source, draft.ExternalId ?? id, draft.ExternalSystem, draft.Kind, draft.Title!, draft.Description, draft.Start!.Value,
            draft.End, draft.Location, draft.PractitionerName, draft.PractitionerRpps, draft.Status, Now, Now, 1);
        book.Put(entry);
        await agenda.WriteStateAsync();
        return new AgendaSaveResult(entry, Created: true);
    }

    public async Task<AgendaEntry> UpdateAsync(Accessor accessor, string id, AgendaDraft draft, int? ifVersion)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        CheckDraft(accessor, draft);
        var entry = await OwnEntryAsync(accessor, id);
        if (ifVersion is { } expected && expected != entry.Version)
        {
            throw new PreconditionFailedException($"Appointment {id} is at version {entry.Version}, not {expected}: read it again, then retry.");
        }

        if (draft.ExternalId is not null && (draft.ExternalId != entry.ExternalId || draft.ExternalSystem != entry.ExternalSystem))
        {
            throw new InvalidInputException(accessor.How == "fhir" ? "Appointment.identifier" : "externalId", "differs from the entry's: an entry keeps the external id it was created with");
        }

        return await ReplaceAsync(entry, draft);
    }

    public async Task<AgendaEntry> CancelAsync(Accessor accessor, string id)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        var entry = await OwnEntryAsync(accessor, id);
        return entry.Status == AgendaStatus.Cancelled ? entry : await StoreAsync(entry with { Status = AgendaStatus.Cancelled });
    }

    public async Task<AgendaEntry> GetEntryAsync(Accessor accessor, string id)
    {
        CheckEntryId(id);
        await agenda.LoadAsync();
        await space.AuthorizeAsync(accessor, SpaceBrick.Agenda, SpaceAction.Read, $"appointment {id}");
        return Book.Get(id) ?? throw NotFound(id);
    }

    public async Task<AgendaPage> GetAgendaAsync(Accessor accessor, AgendaWhen when, int limit, string? after)
    {
        CheckLimit(limit);
        await agenda.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Agenda, SpaceAction.Read, when == AgendaWhen.Upcoming ? "agenda (upcoming)" : "agenda (past)");
        var (entries, next) = when == AgendaWhen.Upcoming ? Book.Upcoming(Now, limit, after) : Book.Past(Now, limit, after);
        var withReminders = when == AgendaWhen.Upcoming && after is null && !agenda.State.PreventionOff
            && grant.Viewer is SpaceViewer.Holder or SpaceViewer.Representative;
        return new AgendaPage(entries, withReminders ? await RemindersAsync(grant) : [], !agenda.State.PreventionOff, next);
    }

    public async Task<AgendaPage> SearchAsync(Accessor accessor, DateTimeOffset? from, DateTimeOffset? to, int limit, string? after)
    {
        CheckLimit(limit);
        await agenda.LoadAsync();
        await space.AuthorizeAsync(accessor, SpaceBrick.Agenda, SpaceAction.Read, "agenda (search)");
        var (entries, next) = Book.Starting(from, to, limit, after);
        return new AgendaPage(entries, [], !agenda.State.PreventionOff, next);
    }

    public async Task<IReadOnlyList<AgendaEntry>> ExportAgendaAsync(Accessor accessor)
    {
        await agenda.LoadAsync();
        await space.AuthorizeAsync(accessor, SpaceBrick.Export, SpaceAction.Read, "agenda (export)");
        return Book.All();
    }

    /// <summary>Entry <paramref name="id"/> once the accessor is admitted to write, if it is the entry's source.</summary>
    private async Task<AgendaEntry> OwnEntryAsync(Accessor accessor, string id)
    {
        CheckEntryId(id);
        await agenda.LoadAsync();
        await space.AuthorizeAsync(accessor, SpaceBrick.Agenda, SpaceAction.Write, $"appointment {id}");
        var entry = Book.Get(id) ?? throw NotFound(id);
        return entry.Source == AgendaSource.Of(accessor)
            ? entry
            : throw new AccessDeniedException("Only the source of an appointment (the app, professional or person who sent it) may change or cancel it.");
    }

    /// <summary>The entry with the draft's content; a resend that changes nothing writes nothing.</summary>
    private Task<AgendaEntry> ReplaceAsync(AgendaEntry entry, AgendaDraft draft)
    {
        var replaced = entry with
        {
            Kind = draft.Kind, Title = draft.Title!, Description = draft.Description, Start = draft.Start!.Value, End = draft.End,
            Location = draft.Location, PractitionerName = draft.PractitionerName, PractitionerRpps = draft.PractitionerRpps, Status = draft.Status,
        };
        return replaced == entry ? Task.FromResult(entry) : StoreAsync(replaced);
    }

    private async Task<AgendaEntry> StoreAsync(AgendaEntry changed)
    {
        var stored = changed with { UpdatedAt = Now, Version = changed.Version + 1 };
        Book.Put(stored);
        await agenda.WriteStateAsync();
        return stored;
    }

    /// <summary>The API checked the draft already; the dates against now only the grain can. FHIR callers get FHIR element names.</summary>
    private void CheckDraft(Accessor accessor, AgendaDraft draft)
    {
        Func<string, string>? naming = accessor.How == "fhir" ? field => $"Appointment.{field}" : null;
        AgendaRules.Check(draft, naming);
        AgendaRules.CheckWhen(draft, Now, naming);
    }

    private static void CheckEntryId(string id)
    {
        if (id is null || !EntryIdPattern().IsMatch(id))
        {
            throw NotFound(null);
        }
    }

    private static void CheckLimit(int limit)
    {
        if (limit is < 1 or > 1000)
        {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }
    }

    private static ResourceNotFoundException NotFound(string? id) =>
        new(id is null ? "No appointment with this id in this agenda." : $"No appointment {id} in this agenda.");
}
