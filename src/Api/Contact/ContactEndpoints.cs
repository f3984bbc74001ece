using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Contact;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Contact;

/// <summary>
/// <c>/api/v1/me/contact</c>: how notices reach the person (the person, or a minor's legal representative with
/// <c>X-Act-For</c>): e-mail, mobile, postal address and name; the devices of their app; their channel per kind of notice.
/// </summary>
public static class ContactEndpoints
{
    public static MesRoutes MapContact(this MesRoutes routes) => routes.Map(api => api.MapContactEndpoints());

    internal static RouteGroupBuilder MapContactEndpoints(this RouteGroupBuilder api)
    {
        var contact = api.MapGroup("/me/contact").WithTags("My contact details").RequireAuthorization(MesRoles.Patient);
        contact.MapGet("/", (HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.GetContactAsync(me)))
            .WithName("GetMyContact").WithSummary("The e-mail, mobile, postal address and name notices use (yours, else what the wave that notified you carried), your devices and preferences.");
        contact.MapPut("/", (ContactUpdate update, HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.SetContactAsync(me, update)))
            .WithName("SetMyContact").WithSummary("Replaces the values given: email, mobile (+33612345678), postalAddress, recipientName; an empty string removes one, a missing one stays.");
        contact.MapPost("/push-registrations", (PushRequest request, HttpContext http, IGrainFactory grains) =>
                Run(http, grains, (g, me) => g.RegisterPushAsync(me, request.Token ?? "", request.Platform ?? "")))
            .WithName("RegisterMyDevice").WithSummary("Registers a device of the app for push notifications: {\"token\": \"…\", \"platform\": \"apns|fcm|web\"} (at most 10, the oldest make room).");
        contact.MapDelete("/push-registrations/{token}", (string token, HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.UnregisterPushAsync(me, token)))
            .WithName("UnregisterMyDevice").WithSummary("Stops push notifications to a device.");
        contact.MapPut("/preferences/{kind}", (string kind, PreferenceRequest request, HttpContext http, IGrainFactory grains) =>
                Run(http, grains, (g, me) => g.SetPreferenceAsync(me, KindOf(kind), PreferenceOf(request.Preference))))
            .WithName("SetMyNoticePreference")
            .WithSummary("The channel of one kind of notice (SpaceOpened, MeasurementAlert, NewMessage, UrgentAccess, AccessDigest): {\"preference\": \"Default|Email|Push|Sms|Off\"}; urgent access cannot be turned off.");
        return api;
    }

    private static NoticeKind KindOf(string kind) =>
        Named<NoticeKind>(kind) ?? throw new ResourceNotFoundException($"No kind of notice is named '{kind}'.");

    private static NoticePreference PreferenceOf(string? preference) =>
        Named<NoticePreference>(preference) ?? throw new InvalidInputException("preference", "Default, Email, Push, Sms or Off");

    /// <summary>The value named <paramref name="name"/> (any case), never a number: Enum.TryParse takes "7" too.</summary>
    private static T? Named<T>(string? name)
        where T : struct, Enum =>
        Enum.TryParse<T>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(name, out _) ? parsed : null;

    private static async Task<Ok<ContactDetails>> Run(HttpContext http, IGrainFactory grains, Func<IPatientContactGrain, Accessor, Task<ContactDetails>> action)
    {
        var (space, me) = Caller.MySpace(http);
        return TypedResults.Ok(await action(grains.GetGrain<IPatientContactGrain>(PatientKey.From(space)), me));
    }
}

/// <summary>A device to register for push: the provider's token and the platform.</summary>
public sealed record PushRequest(string? Token, string? Platform);

/// <summary>The channel chosen for one kind of notice.</summary>
public sealed record PreferenceRequest(string? Preference);
