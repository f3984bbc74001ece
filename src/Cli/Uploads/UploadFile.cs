using System.Text;
using System.Text.RegularExpressions;

namespace MonEspaceSante.Cli.Uploads;

/// <summary>An upload file: its format (by extension) and the upload id that names it on the server.</summary>
internal static partial class UploadFile
{
    public const string CsvHeader = "ins,email,postal_address,birth_date,departement,birth_name,first_names,used_name";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex UploadIdPattern();

    /// <summary>Whether the file is CSV (with a header line) rather than NDJSON; anything else is refused.</summary>
    public static bool IsCsv(FileInfo file) => file.Extension.ToUpperInvariant() switch
    {
        ".CSV" => true,
        ".NDJSON" or ".JSONL" => false,
        _ => throw new CliFailure(ExitCodes.BadInput,
            $"unsupported file extension '{file.Extension}' for {file.Name}: use .ndjson or .jsonl (one JSON object per line) or .csv (header: {CsvHeader})"),
    };

    /// <summary>The id of an upload of <paramref name="file"/>: the file's name, sanitised, so that running the same command again resumes it.</summary>
    public static string DefaultUploadId(FileInfo file)
    {
        var id = new StringBuilder(file.Name.Length);
        foreach (var c in file.Name)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return id.Length > 128 ? id.ToString(0, 128) : id.ToString();
    }

    public static string CheckUploadId(string uploadId) => UploadIdPattern().IsMatch(uploadId)
        ? uploadId
        : throw new CliFailure(ExitCodes.BadInput, $"--upload-id: 1 to 128 letters, digits, dots, dashes or underscores, got '{uploadId}'");

    /// <summary>
    /// The server needs an <c>ins</c> column (names compared as it does: case, spaces and underscores
    /// aside). Checked here because a bad header would refuse every request of the upload.
    /// </summary>
    public static void CheckCsvHeader(FileInfo file, ReadOnlySpan<byte> header)
    {
        var names = Encoding.UTF8.GetString(header).TrimEnd('\r', '\n').Split(',')
            .Select(name => name.Trim().Trim('"').Replace("_", "", StringComparison.Ordinal).ToUpperInvariant());
        if (!names.Contains("INS"))
        {
            throw new CliFailure(ExitCodes.BadInput, $"{file.Name}: the first line must be the CSV header {CsvHeader} (an ins column at least)");
        }
    }

    public static FileStream Open(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CliFailure(ExitCodes.BadInput, $"file not found: {file.FullName}");
        }

        try
        {
            // No buffer of its own: the record reader's pipe buffers.
            return new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure(ExitCodes.BadInput, $"cannot read {file.FullName}: {e.Message}", e);
        }
    }
}
