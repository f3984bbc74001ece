namespace MonEspaceSante.Api.Fhir;

/// <summary>
/// A request body read whole into memory, so that it can be checked as text before it is parsed. Its size is
/// bounded by the endpoint's request body limit (set before reading), not here.
/// </summary>
internal static class BodyBytes
{
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
