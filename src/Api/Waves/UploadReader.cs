using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Waves;

/// <summary>
/// Reads an upload body as a stream of lines, never holding it whole: NDJSON (one JSON object per
/// line) or CSV with a header (<c>ins,email,postal_address,birth_date,departement,birth_name,first_names,used_name</c>). Each line
/// comes out as a checked <see cref="WaveLine"/> or as an error with its line number.
/// </summary>
public static class UploadReader
{
    public static IAsyncEnumerable<(WaveLine? Line, UploadLineError? Error)> ReadAsync(Stream body, bool csv, long firstLine, CancellationToken cancellationToken) =>
        csv ? ReadCsvAsync(body, firstLine, cancellationToken) : ReadNdjsonAsync(body, firstLine, cancellationToken);

    private static async IAsyncEnumerable<(WaveLine?, UploadLineError?)> ReadNdjsonAsync(Stream body, long firstLine, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body);
        var lineNumber = firstLine - 1;
        var skippingLongLine = false;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            while (TryTakeLine(ref buffer, out var line))
            {
                if (skippingLongLine)
                {
                    skippingLongLine = false;
                    continue;
                }

                lineNumber++;
                if (line.Length > UploadLineParser.MaxLineLength)
                {
                    yield return (null, new UploadLineError(lineNumber, $"line longer than {UploadLineParser.MaxLineLength} bytes"));
                    continue;
                }

                if (IsBlank(line))
                {
                    continue;
                }

                yield return ParseJson(line, lineNumber);
            }

            if (buffer.Length > UploadLineParser.MaxLineLength && !skippingLongLine)
            {
                // A line without end in sight: report it once and drop bytes until its newline.
                lineNumber++;
                skippingLongLine = true;
                yield return (null, new UploadLineError(lineNumber, $"line longer than {UploadLineParser.MaxLineLength} bytes"));
            }

            if (skippingLongLine)
            {
                buffer = buffer.Slice(buffer.End);
            }

            if (result.IsCompleted)
            {
                if (!skippingLongLine && !buffer.IsEmpty && !IsBlank(buffer))
                {
                    yield return ParseJson(buffer, ++lineNumber);
                }

                await reader.CompleteAsync();
                yield break;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static (WaveLine?, UploadLineError?) ParseJson(ReadOnlySequence<byte> line, long lineNumber)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, new UploadLineError(lineNumber, "malformed line: a JSON object is expected"));
            }

            var root = document.RootElement;
            return UploadLineParser.Check(new UploadLineParser.RawLine(
                lineNumber, Text(root, "ins"), Text(root, "email"), Text(root, "postalAddress") ?? Text(root, "postal_address"),
                Text(root, "birthDate") ?? Text(root, "birth_date"), Text(root, "departement"),
                Text(root, "birthName") ?? Text(root, "birth_name"), Text(root, "firstNames") ?? Text(root, "first_names"), Text(root, "usedName") ?? Text(root, "used_name")));
        }
        catch (JsonException)
        {
            // The message would quote the line, and the line holds an INS: give the reason only.
            return (null, new UploadLineError(lineNumber, "malformed line: not valid JSON"));
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static async IAsyncEnumerable<(WaveLine?, UploadLineError?)> ReadCsvAsync(Stream body, long firstLine, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // CSV line numbers of the file: the first data line of this body is firstLine (line 2 of the body, after its header).
        var malformed = new Queue<long>();
        var options = new CsvReaderOptions
        {
            // Comma-separated, as the header documents it. Left unset, the reader guesses the delimiter from the start of
            // the data, and bad lines full of tabs or semicolons made it guess another and refuse the whole upload.
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            MaxRecordSize = UploadLineParser.MaxLineLength,
            IncludeValuesInExceptions = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            NormalizeHeaderName = header => header.Trim().Replace("_", "", StringComparison.Ordinal).ToLowerInvariant(),
            OnMalformedRecord = record => malformed.Enqueue(record.LineNumber),
        };
        await using var csv = CsvReader.Create(body, options, true);
        var checkedHeader = false;
        while (true)
        {
            bool more;
            string? fatal = null;
            try
            {
                more = await csv.ReadAsync(cancellationToken);
            }
            catch (CsvFormatException)
            {
                more = false;
                fatal = "malformed CSV: the rest of this upload could not be read";
            }

            while (malformed.TryDequeue(out var bad))
            {
                yield return (null, new UploadLineError(firstLine + bad - 2, "malformed line: not valid CSV"));
            }

            if (fatal is not null)
            {
                yield return (null, new UploadLineError(firstLine + csv.LineNumber - 1, fatal));
            }

            if (!more)
            {
                yield break;
            }

            if (!checkedHeader)
            {
                checkedHeader = true;
                if (!csv.TryGetFieldIndex("ins", out _))
                {
                    // The whole body is unreadable: a 400 for the request, not a line error charged to some line.
                    throw new InvalidInputException("header", "an 'ins' column is required (ins,email,postal_address,birth_date,departement,birth_name,first_names,used_name)");
                }
            }

            yield return UploadLineParser.Check(new UploadLineParser.RawLine(
                firstLine + csv.LineNumber - 2, Field(csv, "ins"), Field(csv, "email"), Field(csv, "postaladdress"), Field(csv, "birthdate"), Field(csv, "departement"),
                Field(csv, "birthname"), Field(csv, "firstnames"), Field(csv, "usedname")));
        }
    }

    private static string? Field(CsvReader csv, string name) =>
        csv.TryGetFieldIndex(name, out var index) && index < csv.FieldCount ? csv.GetStringOrNull(index) : null;
}
