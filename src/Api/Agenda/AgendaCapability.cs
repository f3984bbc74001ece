using Hl7.Fhir.Model;
using static Hl7.Fhir.Model.CapabilityStatement;
using static MonEspaceSante.Api.Fhir.FhirCapability;

namespace MonEspaceSante.Api.Agenda;

/// <summary>What the FHIR API offers for this brick, listed in the CapabilityStatement.</summary>
public static class AgendaCapability
{
    public static IReadOnlyList<ResourceComponent> Resources { get; } =
    [
        Resource(
            "Appointment",
            "Appointments (serviceCategory v3-ActCode AMB) and hospitalisations (IMP), status booked or cancelled. "
                + "identifier[0] is the sender's id: a re-POST with it updates the sender's entry. The patient is a participant (Patient/<INS> or an INS identifier). "
                + "Apps need the consent scope agenda.write and cannot read; professionals read and write.",
            [TypeRestfulInteraction.Create, TypeRestfulInteraction.Update, TypeRestfulInteraction.Read, TypeRestfulInteraction.SearchType],
            Search("patient", SearchParamType.Reference, "The person: an INS, Patient/INS or system|INS; the holder's own by default."),
            Search("date", SearchParamType.Date, "The start: ge, gt, le or lt, repeatable to bound both ends."),
            Search("_count", SearchParamType.Number, "Entries per page: 1 to 1000, 100 by default."),
            Search("_page", SearchParamType.String, "The opaque cursor a next link carries.")).Versioned(ResourceVersionPolicy.VersionedUpdate, conditionalCreate: true),
    ];
}
