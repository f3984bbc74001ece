using Orleans.Storage;

namespace MonEspaceSante.Grains.Patients;

/// <summary>A facet's persisted state as the facet sees it: read on first use, written whole.</summary>
internal interface IFacetState<out T>
    where T : class
{
    /// <summary>The state; throws before <see cref="LoadAsync"/>, so an unread (empty) state is never written over the stored one.</summary>
    T State { get; }

    ValueTask LoadAsync();

    Task WriteStateAsync();
}

/// <summary>
/// A facet's state in grain storage, read on first use, not at activation. Orleans reads every
/// <c>[PersistentState]</c> of a grain when it activates, and a person's grain is activated for one wave event
/// far more often than for anything else: every facet but the profile is read only when a call needs it. A
/// failed write leaves the state in memory ahead of storage: <paramref name="onWriteFailed"/> drops the
/// activation, so that the next call reads it again.
/// </summary>
internal sealed class LazyFacetState<T>(IGrainStorage storage, string stateName, GrainId grainId, Action onWriteFailed) : IFacetState<T>
    where T : class, new()
{
    private GrainState<T>? state;

    public T State => state?.State ?? throw new InvalidOperationException($"The facet state '{stateName}' is used before it was read.");

    public async ValueTask LoadAsync()
    {
        if (state is null)
        {
            var read = new GrainState<T>(new T());
            await storage.ReadStateAsync(stateName, grainId, read);
            read.State ??= new T();
            state = read;
        }
    }

    public async Task WriteStateAsync()
    {
        try
        {
            await storage.WriteStateAsync(stateName, grainId, state ?? throw new InvalidOperationException($"The facet state '{stateName}' is written before it was read."));
        }
        catch
        {
            onWriteFailed();
            throw;
        }
    }
}

/// <summary>The profile, which Orleans reads at activation (<c>[PersistentState]</c>), as a facet state.</summary>
internal sealed class ActivationFacetState<T>(IPersistentState<T> state, Action onWriteFailed) : IFacetState<T>
    where T : class
{
    public T State => state.State;

    public ValueTask LoadAsync() => ValueTask.CompletedTask;

    public async Task WriteStateAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            onWriteFailed();
            throw;
        }
    }
}
