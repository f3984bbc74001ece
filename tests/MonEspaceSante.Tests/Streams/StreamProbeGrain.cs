using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Grains.Streaming;
using MonEspaceSante.Interfaces.Streams;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace MonEspaceSante.Tests.Streams;

[Alias("mes.tests.IStreamProbeGrain")]
public interface IStreamProbeGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task PingAsync();

    /// <summary>Sends <paramref name="seq"/> to each of <paramref name="keys"/>' streams at once (<see cref="StreamFanOut"/>); true if written in one go.</summary>
    [Alias("SendTo")]
    Task<bool> SendToAsync(IReadOnlyList<string> keys, int seq);
}

/// <summary>An implicit consumer of the <c>probe</c> namespace that records every invocation in <see cref="ProbeLedger"/>.</summary>
[ImplicitStreamSubscription(ProbeLedger.Namespace)]
public sealed class StreamProbeGrain : Grain, IStreamProbeGrain, IStreamSubscriptionObserver, IAsyncObserver<ProbeEvent>
{
    Task IStreamProbeGrain.PingAsync() => Task.CompletedTask;

    async Task<bool> IStreamProbeGrain.SendToAsync(IReadOnlyList<string> keys, int seq)
    {
        var fanOut = ServiceProvider.GetRequiredService<StreamFanOut>();
        await fanOut.SendAsync(this.GetStreamProvider(StreamNames.Provider), keys.Select(k => (StreamId.Create(ProbeLedger.Namespace, k), new ProbeEvent(seq))).ToList());
        return fanOut.WritesAtOnce(StreamNames.Provider);
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        await handleFactory.Create<ProbeEvent>().ResumeAsync(this);
    }

    public Task OnNextAsync(ProbeEvent item, StreamSequenceToken? token = null)
    {
        ProbeLedger.Handle(this.GetPrimaryKeyString(), item);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
