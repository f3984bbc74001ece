using System.Diagnostics;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>Bounded waits for asynchronous outcomes, failing with a message that says what did not happen.</summary>
public static class Eventually
{
    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, what);

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }
}
