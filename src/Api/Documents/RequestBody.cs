using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Documents;

/// <summary>Reads a request body into memory, refusing (400, naming the field) one larger than the limit before reading it all.</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpContext http, long max, string field)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + 1;
        }

        if (http.Request.ContentLength > max)
        {
            throw TooLarge(max, field);
        }

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

    private static InvalidInputException TooLarge(long max, string field) =>
        new(field, $"the request body is larger than {max} bytes, the most accepted here");
}
