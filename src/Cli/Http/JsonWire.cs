using System.Text.Json;
using System.Text.Json.Serialization;

namespace MonEspaceSante.Cli.Http;

internal static class JsonWire
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
