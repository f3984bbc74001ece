using System.Diagnostics;
using MonEspaceSante.Interfaces.Identity;
using OpenTelemetry;

namespace MonEspaceSante.Silo.Defaults;

/// <summary>Masks any INS found in a span's name or tag values before the span is exported.</summary>
public sealed class InsRedactingProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (InsRedactor.ContainsIns(data.DisplayName))
        {
            data.DisplayName = InsRedactor.Redact(data.DisplayName);
        }

        List<KeyValuePair<string, string>>? redacted = null;
        foreach (var tag in data.TagObjects)
        {
            if (tag.Value is string text && InsRedactor.ContainsIns(text))
            {
                (redacted ??= []).Add(new(tag.Key, InsRedactor.Redact(text)));
            }
        }

        if (redacted is not null)
        {
            foreach (var (key, value) in redacted)
            {
                data.SetTag(key, value);
            }
        }
    }
}
