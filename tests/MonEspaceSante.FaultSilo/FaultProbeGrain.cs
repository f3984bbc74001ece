using Npgsql;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace MonEspaceSante.FaultSilo;

[Alias("mes.faultprobe.IFaultProbeGrain")]
public interface IFaultProbeGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task PingAsync();
}

/// <summary>
/// Consumes the fault-probe namespace the way a real consumer must: idempotently. Each delivery is
/// counted, and the event is applied once thanks to the unique (stream, seq) key, in one statement
/// that commits before the handler returns (so before the row can be acknowledged).
/// </summary>
[ImplicitStreamSubscription(FaultProbe.Namespace)]
public sealed class FaultProbeGrain(NpgsqlDataSource dataSource) : Grain, IFaultProbeGrain, IStreamSubscriptionObserver, IAsyncObserver<FaultProbeEvent>
{
    private const string Apply = """
        WITH delivery AS (
            INSERT INTO fault_probe_deliveries (stream_key, seq, deliveries) VALUES (@key, @seq, 1)
            ON CONFLICT (stream_key, seq) DO UPDATE SET deliveries = fault_probe_deliveries.deliveries + 1)
        INSERT INTO fault_probe_applied (stream_key, seq) VALUES (@key, @seq) ON CONFLICT DO NOTHING
        """;

    Task IFaultProbeGrain.PingAsync() => Task.CompletedTask;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        await handleFactory.Create<FaultProbeEvent>().ResumeAsync(this);
    }

    public async Task OnNextAsync(FaultProbeEvent item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var command = dataSource.CreateCommand(Apply);
        command.Parameters.AddWithValue("key", this.GetPrimaryKeyString());
        command.Parameters.AddWithValue("seq", item.Seq);
        await command.ExecuteNonQueryAsync();
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
