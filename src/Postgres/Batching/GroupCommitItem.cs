namespace MonEspaceSante.Postgres.Batching;

/// <summary>An operation waiting in a <see cref="GroupCommit{T}"/> whose caller only needs to know it is done.</summary>
public abstract class GroupCommitItem : IGroupCommitItem
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Fail(Exception exception) => Done.TrySetException(exception);
}

/// <summary>An operation waiting in a <see cref="GroupCommit{T}"/> whose caller gets a <typeparamref name="TResult"/> back.</summary>
public abstract class GroupCommitItem<TResult> : IGroupCommitItem
{
    public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Fail(Exception exception) => Done.TrySetException(exception);
}
