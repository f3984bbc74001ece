using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MonEspaceSante.Grains.Agenda;
using MonEspaceSante.Grains.Consents;
using MonEspaceSante.Grains.Contact;
using MonEspaceSante.Grains.Controls;
using MonEspaceSante.Grains.Documents;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Grains.Inbox;
using MonEspaceSante.Grains.Measurements;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Grains.Profile;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Contact;
using MonEspaceSante.Interfaces.Controls;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Inbox;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Interfaces.Profile;
using Orleans.Storage;

namespace MonEspaceSante.Grains.Patients;

/// <summary>
/// One person's space: the activation, the one access policy (PatientGrain.Space.cs), the streams it consumes
/// (PatientGrain.Streams.cs), and one facet per brick, each a plain class in its feature folder with its own
/// state. Facets are not grains: a person's turns stay serial. Only the profile is read at activation; every
/// other facet reads its state when a call first needs it (a wave event needs none).
/// </summary>
[GrainType("patient")]
internal sealed partial class PatientGrain : Grain, IPatientGrain, IPatientDocumentsGrain, IPatientAgendaGrain, IPatientInboxGrain,
    IPatientConsentsGrain, IPatientControlsGrain, IPatientMeasurementsGrain, IPatientMedicalProfileGrain, IPatientContactGrain
{
    private readonly SpaceServices services;
    private readonly ILogger<PatientGrain> logger;
    private readonly EnrollmentFacet enrollment;
    private readonly ConsentsFacet consents;
    private readonly ControlsFacet controls;
    private readonly DocumentsFacet documents;
    private readonly AgendaFacet agenda;
    private readonly InboxFacet inbox;
    private readonly MeasurementsFacet measurements;
    private readonly MedicalProfileFacet medicalProfile;
    private readonly ContactFacet contact;

    public PatientGrain(
        [PersistentState(StorageNames.PatientProfile, StorageNames.Patients)] IPersistentState<PatientProfileState> profile,
        [FromKeyedServices(StorageNames.Patients)] IGrainStorage storage,
        SpaceServices services,
        ILogger<PatientGrain> logger)
    {
        this.services = services;
        this.logger = logger;
        Person = PatientKey.ToIns(this.GetPrimaryKeyString());
        var grainId = this.GetGrainId();
        LazyFacetState<T> Facet<T>(string stateName)
            where T : class, new() => new(storage, stateName, grainId, DeactivateOnIdle);

        enrollment = new EnrollmentFacet(new ActivationFacetState<PatientProfileState>(profile, DeactivateOnIdle), services.Effects, services.Erasure, Person, services.Clock);
        consents = new ConsentsFacet(Facet<ConsentsState>(StorageNames.PatientConsents), this, services.Catalogue);
        controls = new ControlsFacet(Facet<ControlsState>(StorageNames.PatientControls), this, services.Matrix.CareRelationshipValidity);
        documents = new DocumentsFacet(Facet<DocumentsState>(StorageNames.PatientDocuments), services.Documents, this);
        contact = new ContactFacet(Facet<ContactState>(StorageNames.PatientContact), this, () => (enrollment.Email, enrollment.PostalAddress, enrollment.RecipientName));
        medicalProfile = new MedicalProfileFacet(Facet<MedicalProfileState>(StorageNames.PatientMedicalProfile), this, documents.HoldsAsync);
        agenda = new AgendaFacet(Facet<AgendaState>(StorageNames.PatientAgenda), this, medicalProfile);
        inbox = new InboxFacet(Facet<InboxState>(StorageNames.PatientInbox), services.Inbox, this);
        measurements = new MeasurementsFacet(services.Measurements, consents, this);
    }

    public Ins Person { get; }

    Task<SpaceView> IPatientGrain.GetSpaceAsync(Accessor holder) => Holder(holder, enrollment.GetSpaceAsync);
    Task<NotifyOutcome> IPatientGrain.NotifyAsync(EnrollmentNotice notice) => enrollment.NotifyAsync(notice);
    Task<SpaceView> IPatientGrain.ActivateAsync(Accessor holder) => Holder(holder, enrollment.ActivateAsync);
    Task<SpaceView> IPatientGrain.OpposeAsync(Accessor holder) => Holder(holder, () => enrollment.OpposeAsync(OppositionSource.Patient));

    async Task<SpaceView> IPatientGrain.OpposeOnBehalfAsync(Accessor accessor)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        if (accessor.Role != AccessorRole.Operator)
        {
            throw new AccessDeniedException("An opposition is recorded on a person's behalf by an operator of the insurer.");
        }

        var view = await enrollment.OpposeAsync(OppositionSource.Operator, accessor.Id);
        await RecordAccessAsync(new SpaceGrant(accessor, SpaceViewer.Operator, null), "write", "opposition recorded on the person's behalf");
        return view;
    }
    Task<SpaceView> IPatientGrain.CloseAsync(Accessor holder) => Holder(holder, enrollment.CloseAsync);
    Task<SpaceView> IPatientGrain.RequestErasureAsync(Accessor holder) => Holder(holder, enrollment.RequestErasureAsync);
    Task<SpaceView> IPatientGrain.WithdrawErasureAsync(Accessor holder) => Holder(holder, enrollment.WithdrawErasureAsync);

    /// <summary>Due now, the activation ends after this call: the erasure's deletes follow, and no state of before may be written over them.</summary>
    Task<DateTimeOffset?> IPatientGrain.ErasureDueAsync()
    {
        var due = enrollment.ErasureDue();
        if (due <= Now)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(due);
    }

    /// <summary>
    /// Runs what only the holder does (their space's lifecycle, their consents): the API checks the caller already; the
    /// grain checks again, so that a caller inside the cluster cannot do it for someone else.
    /// </summary>
    private Task<T> Holder<T>(Accessor accessor, Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        return accessor.Role == AccessorRole.Patient && string.Equals(accessor.Id, Person.Value, StringComparison.Ordinal)
            ? action()
            : throw new AccessDeniedException("Only the holder of this space does this.");
    }

    async Task<AccessHistoryPage> IPatientGrain.GetAccessHistoryAsync(Accessor accessor, long? before, int limit)
    {
        if (limit is < 1 or > 1000)
        {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }

        var grant = await AuthorizeAsync(accessor, SpaceBrick.AccessHistory, SpaceAction.Read, "access history");
        return await services.History.ReadAsync(Person.Value, before, limit, withMinorOnly: grant.Viewer != SpaceViewer.Representative);
    }

    async Task<SpaceView> IPatientGrain.BeginExportAsync(Accessor accessor)
    {
        await AuthorizeAsync(accessor, SpaceBrick.Export, SpaceAction.Read, "export of the whole space");
        return enrollment.Describe();
    }

    async Task<DocumentView> IPatientDocumentsGrain.DepositAsync(Accessor accessor, DocumentDraft draft, byte[] content) => (await documents.SubmitAsync(accessor, draft, content)).Document;
    Task<DepositReceipt> IPatientDocumentsGrain.SubmitAsync(Accessor accessor, DocumentDraft draft, byte[] content) => documents.SubmitAsync(accessor, draft, content);
    Task<DepositReceipt> IPatientDocumentsGrain.SubmitIfNoneExistAsync(Accessor accessor, DocumentDraft draft, byte[] content) => documents.SubmitAsync(accessor, draft, content, ifNoneExist: true);
    Task<DocumentView> IPatientDocumentsGrain.GetAsync(Accessor accessor, string documentId) => documents.GetAsync(accessor, documentId);
    Task<DocumentContent> IPatientDocumentsGrain.GetContentAsync(Accessor accessor, string documentId) => documents.GetContentAsync(accessor, documentId);
    Task<DocumentPage> IPatientDocumentsGrain.SearchAsync(Accessor accessor, DocumentQuery query) => documents.SearchAsync(accessor, query);
    Task IPatientDocumentsGrain.DeleteAsync(Accessor accessor, string documentId) => documents.DeleteAsync(accessor, documentId);
    Task<DocumentView> IPatientDocumentsGrain.SetMaskedAsync(Accessor accessor, string documentId, bool masked) => documents.SetMaskedAsync(accessor, documentId, masked);
    Task<DocumentView> IPatientDocumentsGrain.RevealAsync(Accessor accessor, string documentId) => documents.RevealAsync(accessor, documentId);
    Task IPatientDocumentsGrain.WatchDocumentsAsync(TimeSpan forHowLong) => documents.WatchAsync(forHowLong);

    Task<AgendaSaveResult> IPatientAgendaGrain.SaveAsync(Accessor accessor, AgendaDraft draft) => agenda.SaveAsync(accessor, draft);
    Task<AgendaSaveResult> IPatientAgendaGrain.SaveIfNoneExistAsync(Accessor accessor, AgendaDraft draft) => agenda.SaveAsync(accessor, draft, ifNoneExist: true);
    Task<AgendaEntry> IPatientAgendaGrain.UpdateAsync(Accessor accessor, string id, AgendaDraft draft, int? ifVersion) => agenda.UpdateAsync(accessor, id, draft, ifVersion);
    Task<AgendaEntry> IPatientAgendaGrain.CancelAsync(Accessor accessor, string id) => agenda.CancelAsync(accessor, id);
    Task<AgendaEntry> IPatientAgendaGrain.GetEntryAsync(Accessor accessor, string id) => agenda.GetEntryAsync(accessor, id);
    Task<AgendaPage> IPatientAgendaGrain.GetAgendaAsync(Accessor accessor, AgendaWhen when, int limit, string? after) => agenda.GetAgendaAsync(accessor, when, limit, after);
    Task<AgendaPage> IPatientAgendaGrain.SearchAsync(Accessor accessor, DateTimeOffset? from, DateTimeOffset? to, int limit, string? after) => agenda.SearchAsync(accessor, from, to, limit, after);
    Task<PreventionSetting> IPatientAgendaGrain.SetPreventionAsync(Accessor accessor, bool enabled) => agenda.SetPreventionAsync(accessor, enabled);
    Task<PreventionSetting> IPatientAgendaGrain.GetPreventionAsync(Accessor accessor) => agenda.GetPreventionAsync(accessor);
    Task<PreventionSetting> IPatientAgendaGrain.RefuseReminderAsync(Accessor accessor, string code, bool refused) => agenda.RefuseReminderAsync(accessor, code, refused);
    Task<PreventionSetting> IPatientAgendaGrain.RefuseKindAsync(Accessor accessor, PreventionCategory kind, bool refused) => agenda.RefuseKindAsync(accessor, kind, refused);
    Task<IReadOnlyList<AgendaEntry>> IPatientAgendaGrain.ExportAgendaAsync(Accessor accessor) => agenda.ExportAgendaAsync(accessor);

    Task<InboxPosted> IPatientInboxGrain.StartConversationAsync(Accessor accessor, string subject, OutgoingMessage message) => inbox.StartConversationAsync(accessor, subject, message);
    Task<InboxPosted> IPatientInboxGrain.PostMessageAsync(Accessor accessor, string conversationId, OutgoingMessage message) => inbox.PostMessageAsync(accessor, conversationId, message);
    Task<InboxOverview> IPatientInboxGrain.GetInboxAsync(Accessor accessor) => inbox.GetInboxAsync(accessor);
    Task<ConversationView> IPatientInboxGrain.ReadConversationAsync(Accessor accessor, string conversationId) => inbox.ReadConversationAsync(accessor, conversationId);
    Task<InboxSearchPage> IPatientInboxGrain.SearchMessagesAsync(Accessor accessor, int offset, int count) => inbox.SearchMessagesAsync(accessor, offset, count);
    Task<ConversationView> IPatientInboxGrain.GetMessageAsync(Accessor accessor, string conversationId, int seq) => inbox.GetMessageAsync(accessor, conversationId, seq);

    Task<InboxAttachmentContent> IPatientInboxGrain.GetAttachmentAsync(Accessor accessor, string conversationId, int seq, int index) => inbox.GetAttachmentAsync(accessor, conversationId, seq, index);
    Task<InboxExportPage> IPatientInboxGrain.ExportAsync(Accessor accessor, string? after, int limit) => inbox.ExportAsync(accessor, after, limit);

    Task<AppConsent> IPatientConsentsGrain.GrantAsync(Accessor holder, string appId, IReadOnlyList<string> scopes) => Holder(holder, () => consents.GrantAsync(appId, scopes));
    Task<bool> IPatientConsentsGrain.RevokeAsync(Accessor holder, string appId) => Holder(holder, () => consents.RevokeAsync(appId));
    Task<IReadOnlyList<AppConsent>> IPatientConsentsGrain.GetConsentsAsync(Accessor holder) => Holder(holder, consents.ListAsync);
    Task<IReadOnlyList<AppConsent>> IPatientConsentsGrain.ReadConsentsAsync(Accessor accessor) => consents.ReadAsync(accessor);
    Task<IReadOnlyList<string>> IPatientConsentsGrain.AllowedAsync(string appId, IReadOnlyList<string> scopes) => consents.AllowedAsync(appId, scopes);

    Task<SpaceControls> IPatientControlsGrain.GetControlsAsync(Accessor accessor) => controls.GetAsync(accessor);
    Task<SpaceControls> IPatientControlsGrain.SetBlockedAsync(Accessor accessor, string rpps, bool blocked) => controls.SetBlockedAsync(accessor, rpps, blocked);
    Task<SpaceControls> IPatientControlsGrain.EndCareRelationshipAsync(Accessor accessor, string rpps) => controls.EndCareRelationshipAsync(accessor, rpps);
    Task<SpaceControls> IPatientControlsGrain.SetEmergencyAccessAsync(Accessor accessor, bool allowed) => controls.SetEmergencyAccessAsync(accessor, allowed);
    Task<SpaceControls> IPatientControlsGrain.SetBreakGlassAsync(Accessor accessor, bool allowed) => controls.SetBreakGlassAsync(accessor, allowed);
    async Task<int> IPatientControlsGrain.SetRepresentativeAsync(Accessor accessor, Ins representative, bool present, string? reference, DateOnly? birthDate)
    {
        var count = await controls.SetRepresentativeAsync(accessor, representative, present, reference, birthDate);

        // Then the representative's own space, so that they find this minor: a failure here fails the recording, whose
        // retry (idempotent on both sides) repairs it.
        await GrainFactory.GetGrain<IPatientControlsGrain>(PatientKey.From(representative)).SetRepresentedAsync(accessor, Person, present);
        return count;
    }

    Task IPatientControlsGrain.SetRepresentedAsync(Accessor accessor, Ins minor, bool present) => controls.SetRepresentedAsync(accessor, minor, present);

    Task<IReadOnlyList<string>> IPatientControlsGrain.GetRepresentedAsync(Accessor holder) => Holder(holder, controls.GetRepresentedAsync);

    Task<IReadOnlyList<LatestMeasurement>> IPatientMeasurementsGrain.GetLatestAsync(Accessor accessor) => measurements.GetLatestAsync(accessor);
    Task<IReadOnlyList<SeriesPoint>> IPatientMeasurementsGrain.GetSeriesAsync(Accessor accessor, MeasureType type, DateTimeOffset from, DateTimeOffset to, SeriesAggregation aggregation) =>
        measurements.GetSeriesAsync(accessor, type, from, to, aggregation);
    Task<ReadingPage> IPatientMeasurementsGrain.SearchAsync(Accessor accessor, IReadOnlyList<MeasureType> types, DateTimeOffset? from, DateTimeOffset? to, int count, string? after, ReadingSearchOptions? options) =>
        measurements.SearchAsync(accessor, types, from, to, count, after, options);

    Task<Reading> IPatientMeasurementsGrain.ReadAsync(Accessor accessor, string observationId) => measurements.ReadAsync(accessor, observationId);

    Task IPatientMeasurementsGrain.WatchLiveAsync(TimeSpan forHowLong)
    {
        measurements.Watch(forHowLong);
        return Task.CompletedTask;
    }
}
