using Hl7.Fhir.Model;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Api.Documents;

/// <summary>
/// Reads a DocumentReference to deposit (ANS document sharing, IHE MHD): subject by INS, class (category,
/// TRE_A03), type (LOINC), title (attachment title, else description), date of care (context.period.start),
/// labels (securityLabel, any system), the replaced version (relatesTo replaces), the depositor's id
/// (masterIdentifier), and one content. Every refusal names its element.
/// </summary>
public static class DocumentReferenceReader
{
    public const string Root = "DocumentReference";
    public const string Attachment = Root + ".content[0].attachment";

    public static DocumentSubmission Read(byte[] json, AccessorRole role)
    {
        var reference = FhirResources.Read<DocumentReference>(json, Root);
        if (reference.Status != DocumentReferenceStatus.Current)
        {
            throw new InvalidInputException($"{Root}.status", "a document is deposited as current");
        }

        if (reference.Content.Count != 1)
        {
            throw new InvalidInputException($"{Root}.content", "exactly one content is expected");
        }

        var attachment = reference.Content[0].Attachment
            ?? throw new InvalidInputException(Attachment, "the attachment is required");
        var classCode = DocumentRules.CheckClass(ClassOf(reference), $"{Root}.category");
        var draft = new DocumentDraft(
            classCode,
            DocumentRules.CheckType(TypeOf(reference), $"{Root}.type"),
            DocumentRules.CheckTitle(attachment.Title ?? reference.Description ?? DocumentClassCodes.All[classCode], $"{Attachment}.title"),
            reference.Context?.Period?.StartElement is { } start
                ? start.TryToDateTimeOffset(TimeSpan.Zero, out var serviceDate) ? serviceDate : throw new InvalidInputException($"{Root}.context.period.start", "not a date")
                : null,
            attachment.ContentType ?? "",
            DocumentRules.CheckLabels(role, reference.SecurityLabel.SelectMany(l => l.Coding).Select(c => c.Code ?? ""), $"{Root}.securityLabel"),
            Replaced(reference),
            reference.MasterIdentifier?.Value);
        var binary = attachment.Data is null ? BinaryOf(attachment.Url) : null;
        return new DocumentSubmission(Subject(reference.Subject), draft, attachment.Data, binary);
    }

    private static Ins Subject(ResourceReference? subject)
    {
        if (subject?.Identifier is { } identifier)
        {
            return identifier.System is not null && IdentifierSystems.PatientSystems.Contains(identifier.System)
                ? Ins.Parse(identifier.Value, $"{Root}.subject.identifier.value")
                : throw new InvalidInputException($"{Root}.subject.identifier.system", $"an INS system is expected ({string.Join(", ", IdentifierSystems.PatientSystems.Order(StringComparer.Ordinal))})");
        }

        if (subject?.Reference is { } literal && literal.StartsWith("Patient/", StringComparison.Ordinal))
        {
            return Ins.Parse(literal["Patient/".Length..], $"{Root}.subject.reference");
        }

        throw new InvalidInputException($"{Root}.subject",
            $"the patient's INS is required: subject.identifier {{system: {IdentifierSystems.InsNir}, value: <INS>}} or subject.reference Patient/<INS>");
    }

    /// <summary>The TRE_A03 code among the categories (any known code, whatever its system), else the first code given.</summary>
    private static string? ClassOf(DocumentReference reference)
    {
        var codes = reference.Category.SelectMany(c => c.Coding).Select(c => c.Code).OfType<string>().ToList();
        return codes.FirstOrDefault(DocumentClassCodes.All.ContainsKey) ?? codes.FirstOrDefault();
    }

    private static string? TypeOf(DocumentReference reference)
    {
        var codings = reference.Type?.Coding ?? [];
        return (codings.FirstOrDefault(c => c.System == "http://loinc.org") ?? codings.FirstOrDefault())?.Code;
    }

    private static string? Replaced(DocumentReference reference)
    {
        string? replaced = null;
        for (var i = 0; i < reference.RelatesTo.Count; i++)
        {
            var relation = reference.RelatesTo[i];
            if (relation.Code != DocumentRelationshipType.Replaces)
            {
                throw new InvalidInputException($"{Root}.relatesTo[{i}].code", "only 'replaces' is supported");
            }

            var target = relation.Target?.Reference ?? "";
            if (replaced is not null || !target.StartsWith(Root + "/", StringComparison.Ordinal))
            {
                throw new InvalidInputException($"{Root}.relatesTo[{i}].target.reference", "one reference DocumentReference/<id> to the version replaced");
            }

            replaced = target[(Root.Length + 1)..];
        }

        return replaced;
    }

    /// <summary>The id of a Binary created first: <c>Binary/&lt;id&gt;</c>, relative or under this server's base.</summary>
    private static string BinaryOf(string? url)
    {
        var at = url?.LastIndexOf("Binary/", StringComparison.Ordinal) ?? -1;
        return at >= 0 && (at == 0 || url![at - 1] == '/') && url![(at + "Binary/".Length)..] is { Length: > 0 } id && !id.Contains('/', StringComparison.Ordinal)
            ? id
            : throw new InvalidInputException(Attachment, "give the content as data (base64), or as url Binary/<id> of a Binary created first (POST /fhir/Binary)");
    }
}
