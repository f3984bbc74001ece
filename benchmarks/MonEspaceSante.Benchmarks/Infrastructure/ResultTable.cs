using System.Globalization;
using System.Text;
using Spectre.Console;

namespace MonEspaceSante.Benchmarks.Infrastructure;

/// <summary>A benchmark's results: printed as a table, and as Markdown for docs/benchmarks.md.</summary>
public sealed class ResultTable(string title)
{
    private readonly List<(string Measure, string Value, string Note)> rows = [];

    public ResultTable Add(string measure, double value, string unit, string note = "") =>
        Add(measure, $"{value.ToString("#,0.##", CultureInfo.InvariantCulture)} {unit}".Trim(), note);

    public ResultTable Add(string measure, string value, string note = "")
    {
        rows.Add((measure, value, note));
        return this;
    }

    public void Print()
    {
        var table = new Table().Title(title).AddColumns("measure", "value", "note");
        foreach (var (measure, value, note) in rows)
        {
            table.AddRow(Markup.Escape(measure), Markup.Escape(value), Markup.Escape(note));
        }

        AnsiConsole.Write(table);
        var markdown = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"**{title}**").AppendLine().AppendLine("| measure | value | note |").AppendLine("|---|---|---|");
        foreach (var (measure, value, note) in rows)
        {
            markdown.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {value} | {note} |");
        }

        Console.WriteLine();
        Console.WriteLine(markdown.ToString());
    }
}
