using Microsoft.AspNetCore.Routing;

namespace MonEspaceSante.Api.Agenda;

/// <summary>The agenda brick over JSON (<c>/api/v1/me/...</c>) and FHIR.</summary>
public static class AgendaEndpoints
{
    public static RouteGroupBuilder MapAgendaEndpoints(this RouteGroupBuilder api) => api;

    public static RouteGroupBuilder MapFhirAgendaEndpoints(this RouteGroupBuilder fhir) => fhir;
}
