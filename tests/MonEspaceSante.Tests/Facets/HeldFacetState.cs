using MonEspaceSante.Grains.Patients;

namespace MonEspaceSante.Tests.Facets;

/// <summary>
/// A facet's state held in memory, for facet tests that need no silo: it counts reads and writes, and can be told
/// to fail the next write as storage would. Grain storage itself is tested on PostgreSQL (Storage/).
/// </summary>
internal sealed class HeldFacetState<T>(T? stored = null) : IFacetState<T>
    where T : class, new()
{
    private T? state;

    public int Loads { get; private set; }

    public int Writes { get; private set; }

    /// <summary>The next write throws, as a storage failure would; the state stays as the facet left it.</summary>
    public bool FailNextWrite { get; set; }

    public T State => state ?? throw new InvalidOperationException("Used before it was read.");

    public ValueTask LoadAsync()
    {
        if (state is null)
        {
            Loads++;
            state = stored ?? new T();
        }

        return ValueTask.CompletedTask;
    }

    public Task WriteStateAsync()
    {
        if (state is null)
        {
            throw new InvalidOperationException("Written before it was read.");
        }

        if (FailNextWrite)
        {
            FailNextWrite = false;
            throw new TimeoutException("storage did not answer");
        }

        Writes++;
        return Task.CompletedTask;
    }
}
