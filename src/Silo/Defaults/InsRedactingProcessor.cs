using System.Diagnostics;
using MonEspaceSante.Interfaces.Identity;
using OpenTelemetry;

namespace MonEspaceSante.Silo.Defaults;

/// <summary>
/// Masks any INS found in a span's name, tag values or status description before the span is exported. An event (an
/// exception recorded with its message, say) cannot be rewritten once added to an <see cref="Activity"/>: a span whose
/// events carry an INS is not exported at all (its <c>Recorded</c> flag is cleared, which every exporter honours).
/// </summary>
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

        if (InsRedactor.ContainsIns(data.StatusDescription))
        {
            data.SetStatus(data.Status, InsRedactor.Redact(data.StatusDescription!));
        }

        if (data.Events.Any(e => InsRedactor.ContainsIns(e.Name) || e.Tags.Any(t => t.Value is string text && InsRedactor.ContainsIns(text))))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
