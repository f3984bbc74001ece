using Hl7.Fhir.Model;

namespace MonEspaceSante.Api.Agenda;

/// <summary>What the FHIR API offers for this brick, listed in the CapabilityStatement.</summary>
public static class AgendaCapability
{
    public static IReadOnlyList<CapabilityStatement.ResourceComponent> Resources { get; } =
    [
        new CapabilityStatement.ResourceComponent
        {
            Type = "Appointment",
            Documentation = "Appointments (serviceCategory v3-ActCode AMB) and hospitalisations (IMP), status booked or cancelled. "
                + "identifier[0] is the sender's id: a re-POST with it updates the sender's entry. The patient is a participant (Patient/<INS> or an INS identifier). "
                + "Apps need the consent scope agenda.write and cannot read; professionals read and write.",
            Interaction =
            [
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create },
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Update },
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
            ],
            SearchParam =
            [
                new CapabilityStatement.SearchParamComponent { Name = "patient", Type = SearchParamType.Reference },
                new CapabilityStatement.SearchParamComponent { Name = "date", Type = SearchParamType.Date },
                new CapabilityStatement.SearchParamComponent { Name = "_count", Type = SearchParamType.Number },
            ],
        },
    ];
}
