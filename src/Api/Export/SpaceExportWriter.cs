using System.IO.Pipelines;
using System.Text.Json;
using Hl7.Fhir.Model;
using MonEspaceSante.Api.Fhir;

namespace MonEspaceSante.Api.Export;

/// <summary>
/// Writes one FHIR <c>Bundle</c> (type collection) entry by entry to a stream, so that a space of any size is
/// exported without being held in memory: each resource is serialised on its own and flushed in small groups.
/// </summary>
public sealed class SpaceExportWriter(PipeWriter body) : IAsyncDisposable
{
    private const int FlushEvery = 50;

    // On the response's PipeWriter, the JSON writer only fills buffers; bytes leave on FlushAsync, never synchronously.
    private readonly Utf8JsonWriter writer = new((System.Buffers.IBufferWriter<byte>)body);
    private int pending;

    public int Entries { get; private set; }

    public async Task BeginAsync(DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        writer.WriteStartObject();
        writer.WriteString("resourceType", "Bundle");
        writer.WriteString("id", Guid.NewGuid().ToString("N"));
        writer.WriteString("type", "collection");
        writer.WriteString("timestamp", timestamp.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteStartArray("entry");
        await FlushAsync(cancellationToken);
    }

    public async Task WriteAsync(Resource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        writer.WriteStartObject();
        writer.WriteString("fullUrl", $"urn:mes:{resource.TypeName}:{resource.Id ?? Guid.NewGuid().ToString("N")}");
        writer.WritePropertyName("resource");
        JsonSerializer.Serialize(writer, resource, resource.GetType(), FhirJson.Options);
        writer.WriteEndObject();
        Entries++;
        if (++pending >= FlushEvery)
        {
            pending = 0;
            await FlushAsync(cancellationToken);
        }
    }

    public async Task EndAsync(CancellationToken cancellationToken)
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        writer.Flush();
        await body.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
