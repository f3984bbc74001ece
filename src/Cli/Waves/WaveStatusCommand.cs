using System.CommandLine;
using MonEspaceSante.Cli.Http;
using Spectre.Console;

namespace MonEspaceSante.Cli.Waves;

/// <summary><c>mes waves status WAVE [--watch]</c>: where a wave stands, once or until it completes.</summary>
internal static class WaveStatusCommand
{
    public const string Completed = "Completed";

    public static Command Create(CliContext context)
    {
        var wave = WaveCommands.WaveArgument();
        var watch = new Option<bool>("--watch") { Description = "Refresh until the wave is Completed (or Ctrl-C)." };
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes with --watch.", DefaultValueFactory = _ => 2 };
        interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and <= 3600))
            {
                result.AddError("--interval: between 0 and 3600 seconds");
            }
        });
        var command = new Command("status", "Shows a wave and its progress: people by outcome, rate, time left.") { wave, watch, interval };
        command.SetAction(context.Guarded(async (parse, cancellationToken) =>
        {
            using var server = await context.ConnectAsync(parse, cancellationToken);
            var path = WaveCommands.WavePath(parse.GetRequiredValue(wave));
            if (!parse.GetValue(watch))
            {
                context.Consoles.Out.Write(WaveTables.Status(await server.GetAsync<Wave>(path, cancellationToken)));
                return ExitCodes.Ok;
            }

            try
            {
                await WatchAsync(context.Consoles.Out, () => server.GetAsync<Wave>(path, cancellationToken), TimeSpan.FromSeconds(parse.GetValue(interval)), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C is how one stops watching.
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task WatchAsync(IAnsiConsole console, Func<Task<Wave>> read, TimeSpan interval, CancellationToken cancellationToken)
    {
        var wave = await read();
        if (!console.Profile.Capabilities.Interactive)
        {
            // A log gets one table per refresh.
            console.Write(WaveTables.Status(wave));
            while (wave.Phase != Completed)
            {
                await Task.Delay(interval, cancellationToken);
                wave = await read();
                console.Write(WaveTables.Status(wave));
            }

            return;
        }

        await console.Live(WaveTables.Status(wave)).StartAsync(async live =>
        {
            while (wave.Phase != Completed)
            {
                await Task.Delay(interval, cancellationToken);
                wave = await read();
                live.UpdateTarget(WaveTables.Status(wave));
                live.Refresh();
            }
        });
    }
}
