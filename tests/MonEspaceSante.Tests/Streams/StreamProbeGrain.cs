using Orleans.Streams;
using Orleans.Streams.Core;

namespace MonEspaceSante.Tests.Streams;

[Alias("mes.tests.IStreamProbeGrain")]
public interface IStreamProbeGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task PingAsync();
}

/// <summary>An implicit consumer of the <c>probe</c> namespace that records every invocation in <see cref="ProbeLedger"/>.</summary>
[ImplicitStreamSubscription(ProbeLedger.Namespace)]
public sealed class StreamProbeGrain : Grain, IStreamProbeGrain, IStreamSubscriptionObserver, IAsyncObserver<ProbeEvent>
{
    Task IStreamProbeGrain.PingAsync() => Task.CompletedTask;

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
