using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Api.Profile;

/// <summary>
/// Reads a posted <c>Condition</c>, <c>AllergyIntolerance</c>, <c>MedicationStatement</c> or <c>Immunization</c> into the
/// person it is about and a <see cref="ProfileDraft"/>, with Firely's validating deserializer first, then our rules,
/// each refusal naming the FHIR element.
/// </summary>
internal static class ProfileFhirReader
{
    /// <summary>The core extension a vaccination's proof document is linked with (R4 has no element for it).</summary>
    public const string SupportingInfo = "http://hl7.org/fhir/StructureDefinition/workflow-supportingInfo";

    /// <summary>The person and the draft, or null with the issues that make the body unreadable as <paramref name="kind"/>.</summary>
    public static (Ins Patient, ProfileDraft Draft)? Read(ReadOnlySpan<byte> json, ProfileKind kind, IssueCollector issues)
    {
        var resource = FirelyResources.TryRead(json, issues);
        if (resource is null)
        {
            return null;
        }

        var type = ProfileFields.ResourceOf(kind);
        if (resource.TypeName != type)
        {
            throw new InvalidInputException("resourceType", $"expected {type}, not {resource.TypeName}");
        }

        IReadOnlyList<string> labels = [.. (resource.Meta?.Security ?? []).Select(c => c.Code).OfType<string>().Distinct(StringComparer.Ordinal)];
        var (patient, draft) = resource switch
        {
            Condition c => (PatientOf(c.Subject, "Condition.subject"),
                Draft(kind, c.Code, Status(c.ClinicalStatus), DateOf(c.Onset, "Condition.onset"), DateOf(c.Abatement, "Condition.abatement"), null, null, c.Note, null, labels)),
            AllergyIntolerance a => (PatientOf(a.Patient, "AllergyIntolerance.patient"),
                Draft(kind, a.Code, Status(a.ClinicalStatus), DateOf(a.Onset, "AllergyIntolerance.onset"), null,
                    a.Reaction.SelectMany(r => r.Manifestation).Select(m => m.Text ?? m.Coding.FirstOrDefault()?.Display).FirstOrDefault(t => t is not null), null, a.Note, null, labels)),
            MedicationStatement m => (PatientOf(m.Subject, "MedicationStatement.subject"),
                Draft(kind, Medication(m), m.Status?.GetLiteral(), Start(m.Effective), (m.Effective as Period)?.EndElement is { } end ? DateOf(end, "MedicationStatement.effectivePeriod.end") : null,
                    m.Dosage.Select(d => d.Text).FirstOrDefault(t => t is not null), null, m.Note, null, labels)),
            Immunization i => (PatientOf(i.Patient, "Immunization.patient"),
                Draft(kind, i.VaccineCode, i.Status?.GetLiteral(), DateOf(i.Occurrence, "Immunization.occurrence"), null, i.LotNumber,
                    (i.ProtocolApplied.FirstOrDefault()?.DoseNumber as PositiveInt)?.Value, i.Note, Proof(i), labels)),
            _ => throw new InvalidInputException("resourceType", $"expected {type}"),
        };
        var identifier = resource switch
        {
            Condition c => c.Identifier.FirstOrDefault(),
            AllergyIntolerance a => a.Identifier.FirstOrDefault(),
            MedicationStatement m => m.Identifier.FirstOrDefault(),
            Immunization i => i.Identifier.FirstOrDefault(),
            _ => null,
        };
        draft = draft with { ExternalId = identifier?.Value, ExternalSystem = identifier?.System };
        ProfileRules.Check(draft, ProfileFields.Fhir(kind));
        return (patient, draft);
    }

    private static ProfileDraft Draft(ProfileKind kind, CodeableConcept? code, string? status, DateOnly? occurred, DateOnly? ended, string? detail, int? dose,
        List<Annotation> notes, string? proof, IReadOnlyList<string> labels) =>
        new(kind, [.. (code?.Coding ?? []).Select(c => new ProfileCode(c.System ?? "", c.Code ?? "", c.Display))], code?.Text, status, occurred, ended, detail, dose,
            notes.Select(n => n.Text).FirstOrDefault(t => t is not null), proof, labels);

    private static string? Status(CodeableConcept? clinicalStatus) => clinicalStatus?.Coding.FirstOrDefault()?.Code;

    private static CodeableConcept? Medication(MedicationStatement statement) => statement.Medication switch
    {
        CodeableConcept concept => concept,
        null => null,
        _ => throw new UnprocessableException("MedicationStatement.medicationReference", "name the medicine in medicationCodeableConcept (ATC or CIS): Medication resources are not stored here"),
    };

    private static DateOnly? Start(DataType? effective) => effective switch
    {
        Period period => period.StartElement is { } start ? DateOf(start, "MedicationStatement.effectivePeriod.start") : null,
        _ => DateOf(effective, "MedicationStatement.effective"),
    };

    private static string? Proof(Immunization immunization)
    {
        var reference = (immunization.GetExtension(SupportingInfo)?.Value as ResourceReference)?.Reference;
        return reference switch
        {
            null => null,
            _ when reference.StartsWith("DocumentReference/", StringComparison.Ordinal) => reference["DocumentReference/".Length..],
            _ => throw new UnprocessableException("Immunization.extension:supportingInfo", "the proof is a DocumentReference/<id> of this space"),
        };
    }

    /// <summary>A date, from a dateTime of any precision (a year alone is its first day); other onset forms (age, range, string) are refused.</summary>
    private static DateOnly? DateOf(DataType? value, string element) => value switch
    {
        null => null,
        FhirDateTime { Value: { Length: >= 4 } text } => Day(text, element),
        _ => throw new UnprocessableException(element + "DateTime", "give a date (dateTime): ages, ranges and text are not kept"),
    };

    private static DateOnly Day(string text, string element)
    {
        var (year, month, day) = (int.Parse(text.AsSpan(0, 4), provider: System.Globalization.CultureInfo.InvariantCulture),
            text.Length >= 7 ? int.Parse(text.AsSpan(5, 2), provider: System.Globalization.CultureInfo.InvariantCulture) : 1,
            text.Length >= 10 ? int.Parse(text.AsSpan(8, 2), provider: System.Globalization.CultureInfo.InvariantCulture) : 1);
        return DateOnly.TryParseExact($"{year:0000}-{month:00}-{day:00}", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidInputException(element, "is not a date");
    }

    private static Ins PatientOf(ResourceReference? reference, string element)
    {
        if (reference?.Reference is { } literal && literal.StartsWith("Patient/", StringComparison.Ordinal))
        {
            return Ins.Parse(literal["Patient/".Length..], element + ".reference");
        }

        if (reference?.Identifier is { } identifier && IdentifierSystems.PatientSystems.Contains(identifier.System ?? ""))
        {
            return Ins.Parse(identifier.Value, element + ".identifier");
        }

        throw new InvalidInputException(element, "is required: Patient/<INS>, or an identifier with an INS system");
    }
}
