using System.Text;

namespace MonEspaceSante.Cli.Notices;

/// <summary>Splits CSV text into records, keeping quoted fields that hold line ends (postal addresses do) inside their record.</summary>
internal static class CsvRecords
{
    public static List<string> Split(string text)
    {
        var records = new List<string>();
        var record = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == '\n' && !quoted)
            {
                Add(records, record);
                continue;
            }

            record.Append(c);
        }

        Add(records, record);
        return records;
    }

    private static void Add(List<string> records, StringBuilder record)
    {
        var text = record.ToString().TrimEnd('\r');
        if (text.Length > 0)
        {
            records.Add(text);
        }

        record.Clear();
    }
}
