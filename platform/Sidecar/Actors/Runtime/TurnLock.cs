namespace AmazonScale.Sidecar.Actors.Runtime;

/// <summary>
/// daprd's per-actor lock (pkg/actors/targets/app/lock): one turn at a time, waiters served in arrival
/// order, waiting honours the caller's cancellation. A caller presenting the reentrancy id of the turn
/// in progress joins it instead of queueing (A → B → A), up to a maximum depth. Closing the lock fails
/// every waiter with TurnClosedException, used when the activation is deactivated.
/// </summary>
public sealed class TurnLock
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private bool _held;
    private bool _closed;
    private string? _reentrancyId;
    private int _depth;

    private sealed class Waiter(string? reentrancyId)
    {
        public string? ReentrancyId { get; } = reentrancyId;
        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Number of turns running or waiting; zero means idle.</summary>
    public int Pending
    {
        get { lock (_gate) { return _waiters.Count + (_held ? 1 : 0); } }
    }

    /// <summary>
    /// Waits for the turn. <paramref name="reentrancyId"/> is null when reentrancy is off for this type.
    /// Throws TurnClosedException, OperationCanceledException, or MaxStackDepthExceededException via DaprException.
    /// </summary>
    public async Task<Turn> EnterAsync(string? reentrancyId, int maxStackDepth, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_gate)
        {
            if (_closed)
            {
                throw new TurnClosedException();
            }
            if (!_held)
            {
                Grant(reentrancyId);
                return new Turn(this);
            }
            if (reentrancyId is not null && reentrancyId == _reentrancyId)
            {
                if (_depth >= maxStackDepth)
                {
                    throw ActorErrors.MaxStackDepthExceeded().ToException();
                }
                _depth++;
                return new Turn(this);
            }
            waiter = new Waiter(reentrancyId);
            _waiters.AddLast(waiter);
        }

        await using var registration = cancellationToken.Register(() => Abandon(waiter, cancellationToken));
        await waiter.Granted.Task;
        return new Turn(this);
    }

    /// <summary>Fails all waiters; the current turn (if any) finishes normally. Later EnterAsync calls throw.</summary>
    public void Close()
    {
        List<Waiter> failed;
        lock (_gate)
        {
            _closed = true;
            failed = [.. _waiters];
            _waiters.Clear();
        }
        foreach (var waiter in failed)
        {
            waiter.Granted.TrySetException(new TurnClosedException());
        }
    }

    private void Grant(string? reentrancyId)
    {
        _held = true;
        _reentrancyId = reentrancyId;
        _depth = 1;
    }

    private void Abandon(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Granted.Task.IsCompleted)
            {
                // Granted just before cancellation: the caller owns the turn and will release it.
                return;
            }
            _waiters.Remove(waiter);
            waiter.Granted.TrySetCanceled(cancellationToken);
        }
    }

    private void Release()
    {
        // Completing inside the gate is safe (continuations run asynchronously) and keeps Abandon from
        // cancelling a waiter that was already handed the turn.
        lock (_gate)
        {
            if (--_depth > 0)
            {
                return;
            }
            _held = false;
            _reentrancyId = null;
            if (_waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                Grant(first.Value.ReentrancyId);
                first.Value.Granted.TrySetResult();
            }
        }
    }

    /// <summary>The right to run one call; dispose to end the turn (or leave a joined reentrant turn).</summary>
    public sealed class Turn(TurnLock owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
