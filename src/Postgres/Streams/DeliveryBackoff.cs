using Orleans.Runtime.Providers;

namespace MonEspaceSante.Postgres.Streams;

/// <summary>
/// How long the pulling agent waits between two attempts to deliver an event to a failing consumer:
/// doubling from <see cref="PostgresStreamOptions.DeliveryRetryMinDelay"/> up to
/// <see cref="PostgresStreamOptions.DeliveryRetryMaxDelay"/>, within MaxEventDeliveryTime.
/// </summary>
internal sealed class DeliveryBackoff(TimeSpan min, TimeSpan max) : IMessageDeliveryBackoffProvider
{
    public TimeSpan Next(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 20));
        return TimeSpan.FromTicks((long)Math.Min(max.Ticks, min.Ticks * factor));
    }
}
