namespace AmazonScale.FlashSale;

/// <summary>
/// Group commit: at most one batch is in flight; items that arrive meanwhile wait and go together in the next one (up
/// to <c>maxBatch</c>), so under load one call serves many callers, and when idle an item goes at once (no timer, no
/// added latency). If a commit throws, every item of its batch fails with that exception. Deferred items (<see cref="Defer"/>)
/// have no caller waiting: they ride along with the next batch and start one of their own only when none came by in time.
/// </summary>
/// <param name="commit">Commits a batch; returns one result per item, in order.</param>
public sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<TResult[]>> commit, int maxBatch, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Queue<Waiter> _waiting = new();
    private readonly Queue<TItem> _deferred = new();
    private bool _committing;
    private bool _flushScheduled;
    private bool _flushDue;

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

    /// <summary>
    /// Adds an item whose result nobody needs, for work that may be late or lost (a best-effort cleanup that something
    /// else redoes): it goes with the next batch, or after <paramref name="maxDelay"/> in a batch of deferred items
    /// when none came by. A failed commit drops it.
    /// </summary>
    public void Defer(TItem item, TimeSpan maxDelay)
    {
        lock (_gate)
        {
            _deferred.Enqueue(item);
            if (_flushScheduled)
            {
                return;
            }
            _flushScheduled = true;
        }
        _ = FlushDeferredAsync(maxDelay);
    }

    private async Task FlushDeferredAsync(TimeSpan delay)
    {
        await Task.Delay(delay, clock);
        lock (_gate)
        {
            _flushScheduled = false;
            if (_deferred.Count == 0)
            {
                return;
            }
            _flushDue = true;
            if (_committing)
            {
                return;
            }
            _committing = true;
        }
        await CommitAllAsync();
    }

    private async Task CommitAllAsync()
    {
        while (TakeBatch() is { Count: > 0 } batch)
        {
            try
            {
                var results = await commit([.. batch.Select(entry => entry.Item)]);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Waiter?.Result.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var (_, waiter) in batch)
                {
                    waiter?.Result.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>Waiting items first; deferred ones fill the rest, or go alone once their flush is due.</summary>
    private List<(TItem Item, Waiter? Waiter)> TakeBatch()
    {
        lock (_gate)
        {
            var batch = new List<(TItem Item, Waiter? Waiter)>(Math.Min(_waiting.Count + _deferred.Count, maxBatch));
            while (batch.Count < maxBatch && _waiting.TryDequeue(out var waiter))
            {
                batch.Add((waiter.Item, waiter));
            }
            if (batch.Count > 0 || _flushDue)
            {
                while (batch.Count < maxBatch && _deferred.TryDequeue(out var item))
                {
                    batch.Add((item, null));
                }
            }
            _flushDue &= _deferred.Count > 0;
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
