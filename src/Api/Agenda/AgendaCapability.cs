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
            Search("patient", SearchParamType.Reference),
            Search("date", SearchParamType.Date),
            Search("_count", SearchParamType.Number)),
    ];
}
