using Microsoft.AspNetCore.Http;
using MonEspaceSante.Api.Waves;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Documents;

/// <summary>
/// A patient's upload, <c>multipart/form-data</c>: <c>file</c> (required), <c>classCode</c> (TRE_A03, default 90),
/// <c>typeCode</c> (LOINC), <c>title</c> (default: the file name), <c>date</c> (date of care, ISO 8601),
/// <c>masked</c> (true: hidden from professionals), <c>replaces</c> (id of the version replaced); the header
/// <c>Idempotency-Key</c> makes a resend return the document already deposited.
/// </summary>
internal static class DocumentUploadForm
{
    public const string IdempotencyHeader = "Idempotency-Key";

    // A file the browser could not type is typed by its extension; the content is checked against it either way.
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png",
        [".rtf"] = "application/rtf", [".tif"] = "image/tiff", [".tiff"] = "image/tiff", [".txt"] = "text/plain",
    };

    public static async Task<(DocumentDraft Draft, byte[] Content)> ReadAsync(HttpContext http, Accessor accessor)
    {
        if (!http.Request.HasFormContentType)
        {
            throw new UnsupportedMediaTypeException("Send multipart/form-data with the file (field 'file') and its classCode, title and date.");
        }

        // Room for an oversized file to arrive and be refused with a clear error, not an aborted connection.
        Errors.TransportErrors.LimitBody(http, 2 * DocumentRules.HolderMaxBytes);

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            throw new InvalidInputException("file", "the multipart/form-data body is malformed");
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            // The body ended inside a part (no closing boundary): the client sent less than the form it announced.
            throw new InvalidInputException("file", "the multipart/form-data body ends before its closing boundary");
        }

        var file = form.Files.GetFile("file") ?? throw new InvalidInputException("file", "a file is required (form field 'file')");
        var max = DocumentRules.MaxBytesFor(accessor.Role);
        if (file.Length > max)
        {
            throw new InvalidInputException("file", $"the file has {file.Length} bytes: at most {max / (1024 * 1024)} MB ({max} bytes) is accepted");
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, http.RequestAborted);
        }

        var declared = DocumentRules.NormaliseMediaType(file.ContentType);
        var mediaType = declared is "" or "application/octet-stream" && ByExtension.TryGetValue(Path.GetExtension(file.FileName), out var typed)
            ? typed
            : declared;
        var draft = new DocumentDraft(
            DocumentRules.CheckClass(Text(form, "classCode") ?? DocumentClassCodes.PatientDeposit, "classCode"),
            DocumentRules.CheckType(Text(form, "typeCode"), "typeCode"),
            DocumentRules.CheckTitle(Text(form, "title") ?? Path.GetFileNameWithoutExtension(file.FileName), "title"),
            DocumentDates.ParseIso(Text(form, "date"), "date", end: false),
            DocumentRules.CheckContent(accessor.Role, mediaType, content, "file", "file"),
            Masked(Text(form, "masked")) ? [DocumentLabels.MaskedFromProfessionals] : [],
            Text(form, "replaces"),
            http.Request.Headers[IdempotencyHeader].FirstOrDefault() is { Length: > 0 } key ? key : null);
        return (draft, content);
    }

    private static string? Text(IFormCollection form, string name) =>
        form[name].FirstOrDefault() is { Length: > 0 } value ? value : null;

    private static bool Masked(string? text) => text switch
    {
        null or "false" => false,
        "true" => true,
        _ => throw new InvalidInputException("masked", "true or false"),
    };
}
