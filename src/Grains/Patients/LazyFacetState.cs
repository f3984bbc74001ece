using Orleans.Storage;

namespace MonEspaceSante.Grains.Patients;

/// <summary>
/// A facet's persisted state read on first use, not at activation. Orleans reads every <c>[PersistentState]</c>
/// of a grain when it activates, and a person's grain is activated for one wave event far more often than for
/// anything else: every facet but the profile is read only when a call needs it. <see cref="State"/> refuses to be used before <see cref="LoadAsync"/>, so an unread (empty)
/// state can never be written over the stored one.
/// </summary>
internal sealed class LazyFacetState<T>(IGrainStorage storage, string stateName, GrainId grainId)
    where T : class, new()
{
    private GrainState<T>? state;

    public bool IsLoaded => state is not null;

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

    public Task WriteStateAsync() => storage.WriteStateAsync(
        stateName, grainId, state ?? throw new InvalidOperationException($"The facet state '{stateName}' is written before it was read."));
}
