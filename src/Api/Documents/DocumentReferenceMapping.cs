using Hl7.Fhir.Model;
using MonEspaceSante.Api.Consents;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Api.Documents;

/// <summary>
/// A document's index entry as a FHIR DocumentReference (also used by the export): class in category (TRE_A03),
/// LOINC type, author by RPPS / INS / app / operator, date of care in context.period, labels in securityLabel,
/// the content as <c>Binary/&lt;id&gt;</c> (the Binary id is the document id).
/// </summary>
public static class DocumentReferenceMapping
{
    public const string LoincSystem = "http://loinc.org";

    /// <summary>The system of operators' ids in an author reference.</summary>
    public const string OperatorSystem = "urn:mes:operator";

    public static DocumentReference ToFhir(Ins holder, DocumentView document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var reference = new DocumentReference
        {
            Id = document.Id,
            Meta = FhirVersions.Meta(document.Version, document.LastUpdated),
            Status = document.Status switch
            {
                DocumentStatus.Current => DocumentReferenceStatus.Current,
                DocumentStatus.Superseded => DocumentReferenceStatus.Superseded,
                _ => DocumentReferenceStatus.EnteredInError,
            },
            Type = document.TypeCode is null ? null : new CodeableConcept(LoincSystem, document.TypeCode),
            Category = [new CodeableConcept(DocumentClassCodes.System, document.ClassCode, DocumentClassCodes.All.GetValueOrDefault(document.ClassCode))],
            Subject = new ResourceReference($"Patient/{holder.Value}") { Identifier = new Identifier(IdentifierSystems.InsNir, holder.Value) },
            DateElement = new Instant(document.DepositedAt),
            Author = [Author(document)],
            Description = document.Title,
            SecurityLabel = [.. document.Labels.Select(l => new CodeableConcept(DocumentLabels.System, l))],
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment
                    {
                        ContentType = document.MediaType,
                        Url = $"Binary/{document.Id}",
                        SizeUnsignedInt = document.Size <= int.MaxValue ? (int)document.Size : null,
                        Title = document.Title,
                        CreationElement = document.ServiceDate is { } date ? new FhirDateTime(date) : null,
                    },
                },
            ],
            Context = document.ServiceDate is { } serviceDate
                ? new DocumentReference.ContextComponent { Period = new Period { StartElement = new FhirDateTime(serviceDate) } }
                : null,
        };
        if (document.ExternalId is { } externalId)
        {
            reference.MasterIdentifier = new Identifier(externalId.StartsWith("urn:", StringComparison.Ordinal) ? "urn:ietf:rfc:3986" : null, externalId);
        }

        if (document.Replaces is { } replaced)
        {
            reference.RelatesTo = [new DocumentReference.RelatesToComponent
            {
                Code = DocumentRelationshipType.Replaces,
                Target = new ResourceReference($"DocumentReference/{replaced}"),
            }];
        }

        return reference;
    }

    private static ResourceReference Author(DocumentView document) => document.AuthorRole switch
    {
        AccessorRole.Professional => new ResourceReference { Type = "Practitioner", Identifier = new Identifier(IdentifierSystems.Rpps, document.AuthorId) },
        AccessorRole.Patient => new ResourceReference { Type = "Patient", Identifier = new Identifier(IdentifierSystems.InsNir, document.AuthorId) },
        AccessorRole.App => new ResourceReference { Type = "Device", Identifier = new Identifier(ConsentEndpoints.AppSystem, document.AuthorId) },
        _ => new ResourceReference { Type = "Organization", Identifier = new Identifier(OperatorSystem, document.AuthorId) },
    };
}
