using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Api.Profile;

/// <summary>
/// A profile item as its FHIR R4 resource (also used by the export). Who wrote it is <c>meta.source</c>
/// (<c>urn:mes:profile-author:rpps:&lt;RPPS&gt;</c>, <c>…:app:&lt;id&gt;</c>, or <c>…:patient</c> without the INS); its labels are
/// <c>meta.security</c>; a vaccination the person entered is <c>primarySource: false</c>, reported from recall.
/// </summary>
public static class ProfileFhirMapping
{
    public const string AuthorPrefix = "urn:mes:profile-author:";

    private const string ConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private const string AllergyClinical = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    private const string ImmunizationOrigin = "http://terminology.hl7.org/CodeSystem/immunization-origin";

    public static DomainResource ToFhir(Ins ins, ProfileEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var patient = new ResourceReference($"Patient/{ins.Value}");
        DomainResource resource = entry.Kind switch
        {
            ProfileKind.Condition => new Condition
            {
                ClinicalStatus = new CodeableConcept(ConditionClinical, entry.Status),
                Code = Code(entry),
                Subject = patient,
                Onset = Date(entry.Occurred),
                Abatement = Date(entry.Ended),
                RecordedDateElement = new FhirDateTime(entry.RecordedAt),
                Note = Notes(entry),
            },
            ProfileKind.Allergy => new AllergyIntolerance
            {
                ClinicalStatus = new CodeableConcept(AllergyClinical, entry.Status),
                Code = Code(entry),
                Patient = patient,
                Onset = Date(entry.Occurred),
                RecordedDateElement = new FhirDateTime(entry.RecordedAt),
                Reaction = entry.Detail is null ? [] : [new AllergyIntolerance.ReactionComponent { Manifestation = [new CodeableConcept { Text = entry.Detail }] }],
                Note = Notes(entry),
            },
            ProfileKind.Medication => new MedicationStatement
            {
                Status = EnumUtility.ParseLiteral<MedicationStatement.MedicationStatusCodes>(entry.Status),
                Medication = Code(entry),
                Subject = patient,
                Effective = entry.Occurred is null && entry.Ended is null ? null : new Period(Date(entry.Occurred), Date(entry.Ended)),
                DateAssertedElement = new FhirDateTime(entry.RecordedAt),
                Dosage = entry.Detail is null ? [] : [new Dosage { Text = entry.Detail }],
                Note = Notes(entry),
            },
            _ => Immunization(entry, patient),
        };
        resource.Id = entry.Id;
        if (entry.ExternalId is not null)
        {
            Identify(resource, new Identifier(entry.ExternalSystem, entry.ExternalId));
        }

        resource.Meta = new Meta
        {
            VersionId = entry.Version.ToString(CultureInfo.InvariantCulture),
            LastUpdated = entry.UpdatedAt,
            Source = AuthorPrefix + Author(entry),
            Security = [.. entry.Labels.Select(l => new Coding(DocumentLabels.System, l))],
        };
        return resource;
    }

    private static Immunization Immunization(ProfileEntry entry, ResourceReference patient)
    {
        var byProfessional = entry.AuthorRole == AccessorRole.Professional;
        var immunization = new Immunization
        {
            Status = entry.Status == "not-done" ? Hl7.Fhir.Model.Immunization.ImmunizationStatusCodes.NotDone : Hl7.Fhir.Model.Immunization.ImmunizationStatusCodes.Completed,
            VaccineCode = Code(entry),
            Patient = patient,
            Occurrence = Date(entry.Occurred)!,
            RecordedElement = new FhirDateTime(entry.RecordedAt),
            PrimarySource = byProfessional,
            ReportOrigin = byProfessional ? null : new CodeableConcept(ImmunizationOrigin, entry.AuthorRole == AccessorRole.App ? "record" : "recall"),
            LotNumber = entry.Detail,
            ProtocolApplied = entry.DoseNumber is { } dose ? [new Immunization.ProtocolAppliedComponent { DoseNumber = new PositiveInt(dose) }] : [],
            Note = Notes(entry),
        };
        if (entry.ProofDocumentId is { } proof)
        {
            immunization.SetExtension(ProfileFhirReader.SupportingInfo, new ResourceReference($"DocumentReference/{proof}"));
        }

        return immunization;
    }

    private static void Identify(DomainResource resource, Identifier identifier)
    {
        switch (resource)
        {
            case Condition c: c.Identifier = [identifier]; break;
            case AllergyIntolerance a: a.Identifier = [identifier]; break;
            case MedicationStatement m: m.Identifier = [identifier]; break;
            case Immunization i: i.Identifier = [identifier]; break;
        }
    }

    private static string Author(ProfileEntry entry) => entry.AuthorRole switch
    {
        AccessorRole.Professional => $"rpps:{entry.AuthorId}",
        AccessorRole.App => $"app:{entry.AuthorId}",
        _ => "patient",
    };

    private static CodeableConcept Code(ProfileEntry entry) =>
        new() { Coding = [.. entry.Codes.Select(c => new Coding(c.System, c.Code, c.Display))], Text = entry.Text };

    private static FhirDateTime? Date(DateOnly? day) =>
        day is { } d ? new FhirDateTime(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null;

    private static List<Annotation> Notes(ProfileEntry entry) => entry.Note is null ? [] : [new Annotation { Text = entry.Note }];
}
