using System.Diagnostics;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace MonEspaceSante.Benchmarks.Streams;

[Alias("mes.bench.IBenchConsumerGrain")]
public interface IBenchConsumerGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task PingAsync();
}

/// <summary>Counts what it receives (duplicates included) and the produce-to-handle latency.</summary>
[ImplicitStreamSubscription(StreamBenchmark.Namespace)]
public sealed class BenchConsumerGrain(StreamProgress progress) : Grain, IBenchConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<BenchEvent>
{
    Task IBenchConsumerGrain.PingAsync() => Task.CompletedTask;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        await handleFactory.Create<BenchEvent>().ResumeAsync(this);
    }

    public Task OnNextAsync(BenchEvent item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        progress.Handled(item, Stopwatch.GetElapsedTime(item.ProducedAt));
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
