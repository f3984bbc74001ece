using System.Runtime.CompilerServices;
using Hl7.Fhir.Model;
using MonEspaceSante.Api.Agenda;
using MonEspaceSante.Api.Consents;
using MonEspaceSante.Api.Documents;
using MonEspaceSante.Api.Inbox;
using MonEspaceSante.Api.Measurements;
using MonEspaceSante.Api.Profile;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Inbox;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Api.Export;

/// <summary>The resources of one space, brick by brick, read page by page through each facet with the exporter's rights.</summary>
public sealed class ExportSections(IGrainFactory grains, Ins space, Accessor exporter)
{
    private const int Page = 1000;

    private string Key => PatientKey.From(space);

    public async IAsyncEnumerable<Resource> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var consent in await grains.GetGrain<IPatientConsentsGrain>(Key).ReadConsentsAsync(exporter))
        {
            yield return ConsentEndpoints.ToFhir(space, consent);
        }

        await foreach (var document in DocumentsAsync(cancellationToken))
        {
            yield return document;
        }

        foreach (var entry in await grains.GetGrain<IPatientAgendaGrain>(Key).ExportAgendaAsync(exporter))
        {
            yield return AppointmentMapping.ToFhir(space, entry);
        }

        await foreach (var message in MessagesAsync(cancellationToken))
        {
            yield return message;
        }

        await foreach (var observation in MeasurementsAsync(cancellationToken))
        {
            yield return observation;
        }

        var medical = await grains.GetGrain<IPatientMedicalProfileGrain>(Key).GetProfileAsync(exporter);
        foreach (var item in medical.Entries)
        {
            yield return ProfileFhirMapping.ToFhir(space, item);
        }

        if (medical.Declarations != ProfileDeclarations.None)
        {
            yield return ProfileDeclarationsExport.ToFhir(space, medical.Declarations);
        }
    }

    /// <summary>Every version the exporter may see (labels apply), with its content inline instead of a Binary link.</summary>
    private async IAsyncEnumerable<Resource> DocumentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var documents = grains.GetGrain<IPatientDocumentsGrain>(Key);
        var query = DocumentQuery.All with { IncludeSuperseded = true, PageSize = DocumentQuery.MaxPageSize };
        DocumentPage page;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            page = await documents.SearchAsync(exporter, query);
            foreach (var view in page.Documents)
            {
                var content = await documents.GetContentAsync(exporter, view.Id);
                var reference = DocumentReferenceMapping.ToFhir(space, view);
                reference.Content[0].Attachment.Url = null;
                reference.Content[0].Attachment.Data = content.Bytes;
                yield return reference;
            }

            query = query with { Page = query.Page + 1 };
        }
        while (page.HasNext);
    }

    /// <summary>Every message with its attachments inline: an export must be readable without the service.</summary>
    private async IAsyncEnumerable<Resource> MessagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var inbox = grains.GetGrain<IPatientInboxGrain>(Key);
        string? after = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await inbox.ExportAsync(exporter, after, 20);
            foreach (var conversation in page.Conversations)
            {
                foreach (var message in conversation.Messages)
                {
                    var contents = new List<byte[]>(message.Attachments.Count);
                    for (var n = 0; n < message.Attachments.Count; n++)
                    {
                        contents.Add((await inbox.GetAttachmentAsync(exporter, message.ConversationId, message.Seq, n)).Content);
                    }

                    yield return CommunicationMapping.ToFhir(space, conversation.Conversation, message, contents);
                }
            }

            after = page.Next;
        }
        while (after is not null);
    }

    private async IAsyncEnumerable<Resource> MeasurementsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var measurements = grains.GetGrain<IPatientMeasurementsGrain>(Key);
        string? after = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await measurements.SearchAsync(exporter, [], null, null, Page, after);
            foreach (var reading in page.Readings)
            {
                yield return ObservationMapping.ToFhir(space, reading);
            }

            after = page.Next;
        }
        while (after is not null);
    }
}
