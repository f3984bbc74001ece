using System.Text.RegularExpressions;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Interfaces.Documents;

/// <summary>
/// The rules a deposit must meet, in one place: the grain enforces them, and the APIs check them first so that
/// their errors name the caller's own field (<c>file</c>, <c>DocumentReference.category</c>...). Holder-side
/// depositors (the patient, a legal representative, an app acting for them) deposit pdf, jpeg, png, rtf, tiff or
/// plain text up to <see cref="HolderMaxBytes"/>; professionals and the insurer may also deposit CDA (XML), up to
/// <see cref="DepositorMaxBytes"/>.
/// </summary>
public static partial class DocumentRules
{
    /// <summary>The largest content a patient (or an app for them) deposits: 5 MB.</summary>
    public const long HolderMaxBytes = 5 * 1024 * 1024;

    /// <summary>The largest content a professional or the insurer deposits: 20 MB.</summary>
    public const long DepositorMaxBytes = 20 * 1024 * 1024;

    /// <summary>The most index entries one person's space holds (deleted and superseded entries included).</summary>
    public const int MaxEntries = 10_000;

    /// <summary>The longest title.</summary>
    public const int MaxTitleLength = 255;

    /// <summary>Media types a patient deposits.</summary>
    public static readonly IReadOnlySet<string> HolderMediaTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "application/pdf", "image/jpeg", "image/png", "application/rtf", "text/rtf", "image/tiff", "text/plain",
    };

    /// <summary>Media types a professional or the insurer deposits: the patient's, and CDA R2 documents.</summary>
    public static readonly IReadOnlySet<string> DepositorMediaTypes = new HashSet<string>(HolderMediaTypes, StringComparer.Ordinal)
    {
        "text/xml", "application/xml", "application/hl7-v3+xml",
    };

    [GeneratedRegex("^[0-9]{1,7}-[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex LoincPattern();

    /// <summary>Whether <paramref name="role"/> deposits under the holder's limits.</summary>
    public static bool IsHolderSide(AccessorRole role) => role is AccessorRole.Patient or AccessorRole.App;

    /// <summary>The largest content <paramref name="role"/> may deposit.</summary>
    public static long MaxBytesFor(AccessorRole role) => IsHolderSide(role) ? HolderMaxBytes : DepositorMaxBytes;

    /// <summary>The file extension a download of <paramref name="mediaType"/> is saved with (with its dot), or none.</summary>
    public static string ExtensionOf(string? mediaType) => NormaliseMediaType(mediaType) switch
    {
        "application/pdf" => ".pdf",
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "application/rtf" or "text/rtf" => ".rtf",
        "image/tiff" => ".tiff",
        "text/plain" => ".txt",
        "text/xml" or "application/xml" or "application/hl7-v3+xml" => ".xml",
        _ => "",
    };

    /// <summary>The media type without parameters, in lower case (<c>text/plain; charset=utf-8</c> is <c>text/plain</c>).</summary>
    public static string NormaliseMediaType(string? mediaType) =>
        (mediaType ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();

    /// <summary>Checks a content and its declared media type; returns the normalised media type.</summary>
    public static string CheckContent(AccessorRole role, string? mediaType, ReadOnlySpan<byte> content, string mediaTypeField, string contentField)
    {
        var type = NormaliseMediaType(mediaType);
        var allowed = IsHolderSide(role) ? HolderMediaTypes : DepositorMediaTypes;
        if (type.Length == 0)
        {
            throw new InvalidInputException(mediaTypeField, "the media type is required");
        }

        if (!allowed.Contains(type))
        {
            throw new InvalidInputException(mediaTypeField, $"'{type}' is not accepted (accepted: {string.Join(", ", allowed.Order(StringComparer.Ordinal))})");
        }

        if (content.IsEmpty)
        {
            throw new InvalidInputException(contentField, "the content is empty");
        }

        var max = MaxBytesFor(role);
        if (content.Length > max)
        {
            throw new InvalidInputException(contentField, $"the content has {content.Length} bytes: at most {max / (1024 * 1024)} MB ({max} bytes) is accepted");
        }

        if (!MediaTypeSniffer.Matches(type, content))
        {
            throw new InvalidInputException(contentField, $"the content is not a {type} file (its first bytes say otherwise)");
        }

        return type;
    }

    /// <summary>Checks a class code (TRE_A03).</summary>
    public static string CheckClass(string? classCode, string field) =>
        classCode is not null && DocumentClassCodes.All.ContainsKey(classCode)
            ? classCode
            : throw new InvalidInputException(field, $"unknown document class '{classCode}' (TRE_A03: {string.Join(", ", DocumentClassCodes.All.Keys)})");

    /// <summary>Checks an optional type code (LOINC, e.g. 11488-4).</summary>
    public static string? CheckType(string? typeCode, string field) =>
        typeCode is null || LoincPattern().IsMatch(typeCode)
            ? typeCode
            : throw new InvalidInputException(field, $"'{typeCode}' is not a LOINC code (e.g. 11488-4)");

    /// <summary>Checks a title: 1 to 255 characters.</summary>
    public static string CheckTitle(string? title, string field) =>
        title is { Length: > 0 and <= MaxTitleLength } && !string.IsNullOrWhiteSpace(title)
            ? title.Trim()
            : throw new InvalidInputException(field, $"a title of 1 to {MaxTitleLength} characters is required");

    /// <summary>
    /// Checks labels (known codes; those hiding a document from the patient side are a professional's decision);
    /// returns them distinct and ordered.
    /// </summary>
    public static IReadOnlyList<string> CheckLabels(AccessorRole role, IEnumerable<string>? labels, string field)
    {
        var checkedLabels = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var label in labels ?? [])
        {
            if (!DocumentLabels.All.Contains(label))
            {
                throw new InvalidInputException(field, $"unknown label '{label}' (known: {string.Join(", ", DocumentLabels.All.Order(StringComparer.Ordinal))})");
            }

            if (label != DocumentLabels.MaskedFromProfessionals && role != AccessorRole.Professional)
            {
                throw new InvalidInputException(field, $"only a professional labels a document {label}");
            }

            checkedLabels.Add(label);
        }

        return [.. checkedLabels];
    }
}
