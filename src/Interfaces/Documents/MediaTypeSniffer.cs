namespace MonEspaceSante.Interfaces.Documents;

/// <summary>
/// Whether a content's first bytes agree with its declared media type: a file claiming image/png must be a PNG.
/// Text must hold no NUL byte (an executable renamed .txt does).
/// </summary>
internal static class MediaTypeSniffer
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] TiffLittle = [0x49, 0x49, 0x2A, 0x00];
    private static readonly byte[] TiffBig = [0x4D, 0x4D, 0x00, 0x2A];
    private static readonly byte[] Rtf = @"{\rtf"u8.ToArray();
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static bool Matches(string mediaType, ReadOnlySpan<byte> content) => mediaType switch
    {
        "application/pdf" => content.StartsWith(Pdf),
        "image/png" => content.StartsWith(Png),
        "image/jpeg" => content.StartsWith(Jpeg),
        "image/tiff" => content.StartsWith(TiffLittle) || content.StartsWith(TiffBig),
        "application/rtf" or "text/rtf" => content.StartsWith(Rtf),
        "text/plain" => !content.Contains((byte)0),
        "text/xml" or "application/xml" or "application/hl7-v3+xml" => IsXml(content),
        _ => false,
    };

    private static bool IsXml(ReadOnlySpan<byte> content)
    {
        var text = content.StartsWith(Utf8Bom) ? content[Utf8Bom.Length..] : content;
        var start = text.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && text[start] == (byte)'<' && !content.Contains((byte)0);
    }
}
