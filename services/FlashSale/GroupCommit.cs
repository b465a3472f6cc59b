namespace AmazonScale.FlashSale;

/// <summary>
/// Group commit: at most one batch is in flight; items that arrive meanwhile wait and go together in the next one (up
/// to <c>maxBatch</c>), so under load one call serves many callers, and when idle an item goes at once (no timer, no
/// added latency). If a commit throws, every item of its batch fails with that exception.
/// </summary>
/// <param name="commit">Commits a batch; returns one result per item, in order.</param>
public sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<TResult[]>> commit, int maxBatch)
{
    private readonly Lock _gate = new();
    private readonly Queue<Waiter> _waiting = new();
    private bool _committing;

    /// <summary>A caller that gives up stops waiting; its item may still be committed (callers send idempotent items).</summary>
    public Task<TResult> EnqueueAsync(TItem item, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(item);
        lock (_gate)
        {
            _waiting.Enqueue(waiter);
            if (!_committing)
            {
                _committing = true;
                _ = Task.Run(CommitAllAsync, CancellationToken.None);
            }
        }
        return waiter.Result.Task.WaitAsync(cancellationToken);
    }

    private async Task CommitAllAsync()
    {
        while (TakeBatch() is { Count: > 0 } batch)
        {
            try
            {
                var results = await commit([.. batch.Select(waiter => waiter.Item)]);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var waiter in batch)
                {
                    waiter.Result.TrySetException(ex);
                }
            }
        }
    }

    private List<Waiter> TakeBatch()
    {
        lock (_gate)
        {
            var batch = new List<Waiter>(Math.Min(_waiting.Count, maxBatch));
            while (batch.Count < maxBatch && _waiting.TryDequeue(out var waiter))
            {
                batch.Add(waiter);
            }
            _committing = batch.Count > 0;
            return batch;
        }
    }

    private sealed class Waiter(TItem item)
    {
        public TItem Item { get; } = item;

        public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
