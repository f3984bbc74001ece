using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Postgres.Batching;

namespace MonEspaceSante.Grains.Measurements;

/// <summary>Which Observation ids are taken already: the request-time check of an identifier reused for another measurement.</summary>
public sealed partial class MeasurementStore
{
    /// <summary>
    /// The readings of <paramref name="ins"/> stored under the Observation ids <paramref name="ids"/>, by id: the check
    /// of every request that pushes readings, so concurrent checks share one statement (<see cref="CheckAsync"/>).
    /// </summary>
    public Task<IReadOnlyDictionary<Guid, Reading>> StoredAsync(string ins, Guid[] ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Length == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<Guid, Reading>>(new Dictionary<Guid, Reading>());
        }

        var pending = new PendingCheck(ins, ids);
        checks.Enqueue(pending);
        return pending.Done.Task;
    }

    private async Task CheckAsync(List<PendingCheck> batch)
    {
        await using var command = tables.For(Feature).CreateCommand($"SELECT {ReadingColumns}, observation_id, ins FROM mes_measurement WHERE observation_id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", batch.SelectMany(p => p.Ids).Distinct().ToArray());
        var found = new Dictionary<(string Ins, Guid Id), Reading>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                found[(reader.GetString(12), reader.GetGuid(11))] = ReadingAt(reader);
            }
        }

        foreach (var pending in batch)
        {
            var mine = new Dictionary<Guid, Reading>();
            foreach (var id in pending.Ids)
            {
                if (found.TryGetValue((pending.Ins, id), out var reading))
                {
                    mine[id] = reading;
                }
            }

            pending.Done.TrySetResult(mine);
        }
    }

    private sealed class PendingCheck(string ins, Guid[] ids) : GroupCommitItem<IReadOnlyDictionary<Guid, Reading>>
    {
        public string Ins => ins;

        public Guid[] Ids => ids;
    }
}
