using System.Net.Http.Json;
using MonEspaceSante.Tests.Documents;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.HealthSpace;

/// <summary>The holder's JSON API, <c>/api/v1/me/...</c>: the holder only, whoever else asks.</summary>
public static partial class MatrixProbes
{
    private const string Me = "/api/v1/me";

    private static IEnumerable<MatrixProbe> MyApi()
    {
        var holder = Expect.Holder;
        yield return Get("/api/v1/me", _ => Me, holder);
        yield return Send("POST", "/api/v1/me/activation", _ => $"{Me}/activation", null, holder);
        yield return Send("POST", "/api/v1/me/opposition", _ => $"{Me}/opposition", null, holder);
        yield return Get("/api/v1/me/access-history", _ => $"{Me}/access-history", holder);
        yield return Get("/api/v1/me/measurements/latest", _ => $"{Me}/measurements/latest", holder);
        yield return Get("/api/v1/me/measurements/live", _ => $"{Me}/measurements/live", holder) with { Streaming = true };
        yield return Get("/api/v1/me/measurements/{type}", _ => $"{Me}/measurements/body-weight", holder);
        yield return Get("/api/v1/me/consents", _ => $"{Me}/consents", holder);
        yield return Send("PUT", "/api/v1/me/consents/{appId}", _ => $"{Me}/consents/other", _ => JsonContent.Create(new { scopes = new[] { "measurements.read:steps" } }), holder);
        yield return Send("DELETE", "/api/v1/me/consents/{appId}", _ => $"{Me}/consents/other", null, holder);
        yield return Get("/api/v1/me/controls", _ => $"{Me}/controls", holder);
        yield return Get("/api/v1/me/represented", _ => $"{Me}/represented", holder);
        yield return Send("PUT", "/api/v1/me/controls/blocked-professionals/{rpps}", _ => $"{Me}/controls/blocked-professionals/10009999999", null, holder);
        yield return Send("DELETE", "/api/v1/me/controls/blocked-professionals/{rpps}", _ => $"{Me}/controls/blocked-professionals/10009999999", null, holder);
        yield return Send("DELETE", "/api/v1/me/controls/care-relationships/{rpps}", _ => $"{Me}/controls/care-relationships/10009999999", null, holder);
        yield return Send("PUT", "/api/v1/me/controls/emergency-access", _ => $"{Me}/controls/emergency-access", _ => JsonContent.Create(new { allowed = true }), holder);
        yield return Send("PUT", "/api/v1/me/controls/break-glass", _ => $"{Me}/controls/break-glass", _ => JsonContent.Create(new { allowed = true }), holder);
        yield return Get("/api/v1/me/agenda", _ => $"{Me}/agenda", holder);
        yield return Get("/api/v1/me/agenda/{id}", s => $"{Me}/agenda/{s.AppointmentId}", holder);
        yield return Send("POST", "/api/v1/me/agenda", _ => $"{Me}/agenda", _ => JsonContent.Create(new { title = "Kiné", start = Start, kind = "appointment" }), holder);
        yield return Send("PUT", "/api/v1/me/agenda/prevention", _ => $"{Me}/agenda/prevention", _ => JsonContent.Create(new { enabled = true }), holder);
        yield return new MatrixProbe("PUT", "/api/v1/me/agenda/{id}", (_, id) => $"{Me}/agenda/{id}", _ => JsonContent.Create(new { title = "Kiné (déplacé)", start = Start.AddDays(1), kind = "appointment" }), holder, HolderEntryAsync);
        yield return new MatrixProbe("DELETE", "/api/v1/me/agenda/{id}", (_, id) => $"{Me}/agenda/{id}", null, holder, HolderEntryAsync);
        yield return Get("/api/v1/me/agenda/prevention", _ => $"{Me}/agenda/prevention", holder);
        yield return Send("PUT", "/api/v1/me/agenda/prevention/refused/{code}", _ => $"{Me}/agenda/prevention/refused/flu-2030", null, holder);
        yield return Send("DELETE", "/api/v1/me/agenda/prevention/refused/{code}", _ => $"{Me}/agenda/prevention/refused/flu-2030", null, holder);
        yield return Send("PUT", "/api/v1/me/agenda/prevention/refused-kinds/{kind}", _ => $"{Me}/agenda/prevention/refused-kinds/child-examination", null, holder);
        yield return Send("DELETE", "/api/v1/me/agenda/prevention/refused-kinds/{kind}", _ => $"{Me}/agenda/prevention/refused-kinds/child-examination", null, holder);
        yield return Get("/api/v1/me/contact", _ => $"{Me}/contact", holder);
        yield return Send("PUT", "/api/v1/me/contact", _ => $"{Me}/contact", _ => JsonContent.Create(new { mobile = "+33612345678" }), holder);
        yield return Send("POST", "/api/v1/me/contact/push-registrations", _ => $"{Me}/contact/push-registrations", _ => JsonContent.Create(new { token = "web:matrix-device-0001", platform = "web" }), holder);
        yield return Send("DELETE", "/api/v1/me/contact/push-registrations/{token}", _ => $"{Me}/contact/push-registrations/web:matrix-device-0001", null, holder);
        yield return Send("PUT", "/api/v1/me/contact/preferences/{kind}", _ => $"{Me}/contact/preferences/AccessDigest", _ => JsonContent.Create(new { preference = "Email" }), holder);
        yield return Get("/api/v1/me/profile", _ => $"{Me}/profile", holder);
        yield return Send("POST", "/api/v1/me/profile/items", _ => $"{Me}/profile/items", _ => JsonContent.Create(new { kind = "allergy", text = "Pollen" }), holder);
        yield return Send("PUT", "/api/v1/me/profile/items/{id}/masked", s => $"{Me}/profile/items/{s.ImmunizationId}/masked", _ => JsonContent.Create(new { masked = false }), holder);
        yield return new MatrixProbe("DELETE", "/api/v1/me/profile/items/{id}", (_, id) => $"{Me}/profile/items/{id}", null, holder,
            (fixture, space) => MatrixSpace.VaccinateAsync(fixture.App.ProfessionalClient(MatrixSpace.Doctor), space.Person, fixture.App.Clock.GetUtcNow()));
        yield return Send("PUT", "/api/v1/me/profile/declarations", _ => $"{Me}/profile/declarations", _ => JsonContent.Create(new { organDonation = "Consents" }), holder);
        yield return Get("/api/v1/me/inbox", _ => $"{Me}/inbox", holder);

        // Only professionals start conversations: the holder too is refused.
        yield return Send("POST", "/api/v1/me/inbox", _ => $"{Me}/inbox", _ => JsonContent.Create(new { text = "Bonjour" }), Expect.Only());
        yield return Get("/api/v1/me/inbox/{conversationId}", s => $"{Me}/inbox/{s.ConversationId}", holder);
        yield return Send("POST", "/api/v1/me/inbox/{conversationId}/messages", s => $"{Me}/inbox/{s.ConversationId}/messages", _ => JsonContent.Create(new { text = "Merci" }), holder);
        yield return Get("/api/v1/me/inbox/{conversationId}/messages/{seq}/attachments/{n}", s => $"{Me}/inbox/{s.ConversationId}/messages/1/attachments/0", holder);
        yield return Send("POST", "/api/v1/me/inbox/{conversationId}/messages/{seq}/attachments/{n}/document", s => $"{Me}/inbox/{s.ConversationId}/messages/1/attachments/0/document", null, holder);
        yield return Send("POST", "/api/v1/me/documents", _ => $"{Me}/documents", _ => Upload(), holder);
        yield return Get("/api/v1/me/documents", _ => $"{Me}/documents", holder);
        yield return Get("/api/v1/me/documents/live", _ => $"{Me}/documents/live", holder) with { Streaming = true };
        yield return Get("/api/v1/me/documents/{id}", s => $"{Me}/documents/{s.DocumentId}", holder);
        yield return Get("/api/v1/me/documents/{id}/content", s => $"{Me}/documents/{s.DocumentId}/content", holder);
        yield return new MatrixProbe("DELETE", "/api/v1/me/documents/{id}", (_, id) => $"{Me}/documents/{id}", null, holder, DoctorDocumentAsync);
        yield return Send("PUT", "/api/v1/me/documents/{id}/masked", s => $"{Me}/documents/{s.DocumentId}/masked", _ => JsonContent.Create(new { masked = false }), holder);
        yield return Get("/api/v1/me/export", _ => $"{Me}/export", holder) with { Streaming = true };

        // Last: closing the space ends what the matrix can probe in it; then its erasure is asked for and taken back.
        yield return Send("POST", "/api/v1/me/closure", _ => $"{Me}/closure", null, holder);
        yield return Send("POST", "/api/v1/me/erasure-request", _ => $"{Me}/erasure-request", null, holder);
        yield return Send("DELETE", "/api/v1/me/erasure-request", _ => $"{Me}/erasure-request", null, holder);
    }

    private static MultipartFormDataContent Upload()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(DocumentSamples.Pdf());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "ordonnance.pdf");
        form.Add(new StringContent("90"), "classCode");
        form.Add(new StringContent("Ordonnance"), "title");
        return form;
    }

    private static async Task<string> HolderEntryAsync(HealthSpaceFixture fixture, MatrixSpace space)
    {
        var response = await fixture.App.PatientClient(space.Person).PostAsJsonAsync($"{Me}/agenda", new { title = "Ostéo", start = Start, kind = "appointment" });
        response.EnsureSuccessStatusCode();
        return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }

    private static Task<string> DoctorDocumentAsync(HealthSpaceFixture fixture, MatrixSpace space) =>
        MatrixSpace.DepositAsync(fixture.App.ProfessionalClient(MatrixSpace.Doctor), space.Person);
}
