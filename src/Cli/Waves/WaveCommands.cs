using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MonEspaceSante.Cli.Http;
using MonEspaceSante.Cli.Uploads;
using Spectre.Console;

namespace MonEspaceSante.Cli.Waves;

/// <summary><c>mes waves ...</c>: create a wave, upload its people, launch it, follow it.</summary>
internal static class WaveCommands
{
    public static Command Create(CliContext context) => new("waves", "Enrollment waves: create, upload people, launch, follow.")
    {
        CreateWave(context),
        ListWaves(context),
        WaveStatusCommand.Create(context),
        LaunchWave(context),
        UploadCommand.Create(context),
        UploadErrorsCommand.Create(context),
    };

    public static Argument<string> WaveArgument() => new("WAVE") { Description = "The wave's id." };

    public static string WavePath(string waveId) => $"api/v1/waves/{Uri.EscapeDataString(waveId)}";

    private static Command CreateWave(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "A label for operators (\"Pilote Haute-Garonne\").", Required = true };
        var territory = new Option<string>("--territory") { Description = "The territory covered (départements, or \"national\").", Required = true };
        var id = new Option<string?>("--id") { Description = "The wave's id (a letter, then 2-63 letters, digits or dashes); default: chosen by the server." };
        var windowDays = new Option<int>("--window-days") { Description = "Opposition window in days (the regulation sets 42).", DefaultValueFactory = _ => 42 };
        var startsAt = new Option<DateTimeOffset?>("--starts-at")
        {
            Description = "When notices go out (ISO 8601, e.g. 2026-12-01T08:00:00+01:00); default: when launched.",
            CustomParser = ParseInstant,
        };
        var command = new Command("create", "Creates a wave (a draft until launched or until --starts-at).") { name, territory, id, windowDays, startsAt };
        command.SetAction(context.Guarded(async (parse, cancellationToken) =>
        {
            using var server = await context.ConnectAsync(parse, cancellationToken);
            var request = new NewWave(parse.GetValue(id), parse.GetRequiredValue(name), parse.GetRequiredValue(territory), parse.GetValue(windowDays), parse.GetValue(startsAt));
            var wave = await server.PostAsync<Wave>("api/v1/waves", request, cancellationToken);
            Say.Line(context.Consoles.Out, $"Created wave [bold]{Markup.Escape(wave.WaveId)}[/]: phase {wave.Phase}, opposition window {WaveText.Window(wave.Definition.OppositionWindow)}, "
                + (wave.Definition.StartsAt is null ? $"waiting for [bold]mes waves launch {Markup.Escape(wave.WaveId)}[/]." : $"starts at {WaveText.When(wave.Definition.StartsAt)}."));
            context.Consoles.Out.Write(WaveTables.Status(wave));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command ListWaves(CliContext context)
    {
        var command = new Command("list", "Lists the waves.");
        command.SetAction(context.Guarded(async (parse, cancellationToken) =>
        {
            using var server = await context.ConnectAsync(parse, cancellationToken);
            var waves = await server.GetAsync<List<Wave>>("api/v1/waves", cancellationToken);
            if (waves.Count == 0)
            {
                Say.Line(context.Consoles.Out, "No waves yet: create one with [bold]mes waves create[/].");
            }
            else
            {
                context.Consoles.Out.Write(WaveTables.List(waves));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command LaunchWave(CliContext context)
    {
        var wave = WaveArgument();
        var command = new Command("launch", "Sends the wave's notices now; the opposition window starts.") { wave };
        command.SetAction(context.Guarded(async (parse, cancellationToken) =>
        {
            using var server = await context.ConnectAsync(parse, cancellationToken);
            var launched = await server.PostAsync<Wave>($"{WavePath(parse.GetRequiredValue(wave))}/launch", null, cancellationToken);
            Say.Line(context.Consoles.Out, $"Wave [bold]{Markup.Escape(launched.WaveId)}[/] is {launched.Phase}: launched {WaveText.When(launched.LaunchedAt)}, opposition deadline {WaveText.When(launched.Deadline)}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static DateTimeOffset? ParseInstant(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        result.AddError($"--starts-at: expected an ISO 8601 date and time such as 2026-12-01T08:00:00+01:00, got '{text}'");
        return null;
    }
}
