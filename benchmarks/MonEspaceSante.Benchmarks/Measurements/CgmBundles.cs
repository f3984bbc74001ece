using System.Globalization;
using System.Text;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Benchmarks.Measurements;

/// <summary>
/// Bundle number b of the benchmark, the same every run: a FHIR transaction of CGM glucose readings
/// (LOINC 2345-7, mg/dL) for patient b mod N, each Observation with its own identifier, one every
/// 5 minutes within the two days before <c>first</c> + 2 days.
/// </summary>
public static class CgmBundles
{
    public const string AppId = "bench-cgm";
    public const string Loinc = "2345-7";
    public const string IdentifierSystem = "urn:bench-cgm";
    private const long Span = 2 * 24 * 12; // Five-minute slots in two days.

    public readonly record struct CgmReading(DateTimeOffset EffectiveAt, double Value, string Identifier)
    {
        public string ReadingKey => "id:" + IdentifierSystem + "|" + Identifier;
    }

    public static CgmReading Reading(long bundle, int k, int perBundle, DateTimeOffset first)
    {
        var n = (bundle * perBundle) + k;
        return new CgmReading(first.AddMinutes(5 * (n % Span)), 70 + (n % 120), string.Create(CultureInfo.InvariantCulture, $"b{bundle}-{k}"));
    }

    public static byte[] Transaction(string ins, long bundle, int perBundle, DateTimeOffset first)
    {
        var json = new StringBuilder(perBundle * 480);
        json.Append("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
        for (var k = 0; k < perBundle; k++)
        {
            var r = Reading(bundle, k, perBundle, first);
            json.Append(k == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture,
                $$$"""{"resource":{"resourceType":"Observation","identifier":[{"system":"{{{IdentifierSystem}}}","value":"{{{r.Identifier}}}"}],"status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"{{{Loinc}}}"}]},"subject":{"identifier":{"system":"{{{IdentifierSystems.InsNir}}}","value":"{{{ins}}}"}},"effectiveDateTime":"{{{r.EffectiveAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}}}","valueQuantity":{"value":{{{r.Value}}},"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}},"request":{"method":"POST","url":"Observation"}}""");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }
}
