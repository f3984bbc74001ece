using Npgsql;

namespace MonEspaceSante.Postgres.Batching;

/// <summary>
/// Batched inserts of rows that are almost always new: a plain INSERT descends the key's index once,
/// where INSERT ... ON CONFLICT probes it first and then inserts into it (two descents of a large index
/// per row). The rare batch that meets a row already there fails as a whole, having changed nothing,
/// and is written again by the statement that handles conflicts.
/// </summary>
internal static class UniqueViolation
{
    /// <summary>Runs <paramref name="plain"/>; if it fails on a unique violation, runs <paramref name="handlingConflicts"/> instead.</summary>
    public static async Task PlainFirstAsync(Func<Task> plain, Func<Task> handlingConflicts)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentNullException.ThrowIfNull(handlingConflicts);
        try
        {
            await plain();
            return;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The statement was rolled back: nothing of it stays.
        }

        await handlingConflicts();
    }
}
