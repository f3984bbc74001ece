using MonEspaceSante.Cli.Http;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MonEspaceSante.Cli.Waves;

/// <summary>Waves as Spectre tables. Values are rendered as text, never as markup.</summary>
internal static class WaveTables
{
    /// <summary>The outcomes in the order a wave goes through them.</summary>
    public static readonly IReadOnlyList<string> OutcomeOrder =
    [
        "Pending", "Notified", "AlreadyActive", "AlreadyOpposed", "AlreadyClosed", "NotifiedByAnotherWave", "Opposed", "ActivatedBySelf", "Opened",
    ];

    public static IRenderable Status(Wave wave)
    {
        var facts = new Table().Title($"Wave {Markup.Escape(wave.WaveId)}").AddColumn("Field").AddColumn("Value").HideHeaders();
        Row(facts, "Name", wave.Definition.Name);
        Row(facts, "Territory", wave.Definition.Territory);
        Row(facts, "Phase", wave.Phase);
        Row(facts, "Opposition window", WaveText.Window(wave.Definition.OppositionWindow));
        Row(facts, "Starts at", wave.Definition.StartsAt is null ? "on launch" : WaveText.When(wave.Definition.StartsAt));
        Row(facts, "Created", WaveText.When(wave.CreatedAt));
        Row(facts, "Launched", WaveText.When(wave.LaunchedAt));
        Row(facts, "Deadline", WaveText.When(wave.Deadline));
        Row(facts, "Completed", WaveText.When(wave.CompletedAt));
        Row(facts, "Members", WaveText.Count(wave.Members));
        Row(facts, "Dispatched", WaveText.Count(wave.Dispatched));
        Row(facts, "Rate", WaveText.Rate(wave.RatePerSecond));
        Row(facts, "Time left", WaveText.Duration(wave.EstimatedRemaining));

        var outcomes = new Table().Title("People by outcome").AddColumn("Outcome").AddColumn(new TableColumn("People").RightAligned());
        var counts = wave.Outcomes ?? new Dictionary<string, long>();
        foreach (var outcome in OutcomeOrder.Concat(counts.Keys.Except(OutcomeOrder).Order(StringComparer.Ordinal)))
        {
            Row(outcomes, outcome, WaveText.Count(counts.GetValueOrDefault(outcome)));
        }

        return new Rows(facts, outcomes);
    }

    public static IRenderable List(IReadOnlyList<Wave> waves)
    {
        var table = new Table().AddColumns("Wave", "Name", "Territory", "Phase", "Window", "Created", "Launched", "Deadline");
        foreach (var wave in waves)
        {
            Row(table, wave.WaveId, wave.Definition.Name, wave.Definition.Territory, wave.Phase, WaveText.Window(wave.Definition.OppositionWindow),
                WaveText.When(wave.CreatedAt), WaveText.When(wave.LaunchedAt), WaveText.When(wave.Deadline));
        }

        return table;
    }

    private static void Row(Table table, params string[] cells) => table.AddRow(cells.Select(c => (IRenderable)new Text(c)));
}
