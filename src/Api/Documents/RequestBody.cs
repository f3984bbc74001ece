using Microsoft.AspNetCore.Http;

namespace MonEspaceSante.Api.Documents;

/// <summary>Reads a request body into memory, refusing (413, naming the field and the limit) one larger than the limit before reading it all.</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpContext http, long max, string field)
    {
        if (http.Request.ContentLength > max)
        {
            throw TooLarge(max, field);
        }

        Errors.TransportErrors.LimitBody(http, max + 1);

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw TooLarge(max, field);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Errors.PayloadTooLargeException TooLarge(long max, string field) => new(field, max);
}
