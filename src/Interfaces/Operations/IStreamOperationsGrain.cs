namespace MonEspaceSante.Interfaces.Operations;

/// <summary>Operators' view of the durable stream queues: depth, dead letters, and requeueing them.</summary>
[Alias("mes.IStreamOperationsGrain")]
public interface IStreamOperationsGrain : IGrainWithIntegerKey
{
    [Alias("GetReport")]
    Task<StreamsReport> GetReportAsync();

    /// <summary>Dead letters, newest first, at most <paramref name="limit"/>, older than <paramref name="beforeId"/> when given.</summary>
    [Alias("GetDeadLetters")]
    Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int limit, long? beforeId);

    /// <summary>Puts a dead letter back at the end of its partition; false if there is no such dead letter.</summary>
    [Alias("Requeue")]
    Task<bool> RequeueAsync(long id);
}
