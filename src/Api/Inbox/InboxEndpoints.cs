using Microsoft.AspNetCore.Routing;

namespace MonEspaceSante.Api.Inbox;

/// <summary>The inbox brick over JSON (<c>/api/v1/me/...</c>) and FHIR.</summary>
public static class InboxEndpoints
{
    public static RouteGroupBuilder MapInboxEndpoints(this RouteGroupBuilder api) => api;

    public static RouteGroupBuilder MapFhirInboxEndpoints(this RouteGroupBuilder fhir) => fhir;
}
