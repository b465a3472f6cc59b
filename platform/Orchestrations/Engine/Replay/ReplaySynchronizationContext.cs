namespace AmazonScale.Orchestrations.Engine.Replay;

/// <summary>
/// Runs every continuation of workflow code on the replaying thread, in order, so that delivering the same
/// history always produces the same steps. Work posted after the replay ended (a continuation of something
/// the workflow should not have awaited) is dropped.
/// </summary>
internal sealed class ReplaySynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();
    private bool _closed;

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_work)
        {
            if (!_closed)
            {
                _work.Enqueue((d, state));
            }
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("workflow code cannot block on a synchronization context");

    public void RunPending()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) item;
            lock (_work)
            {
                if (!_work.TryDequeue(out item))
                {
                    return;
                }
            }
            item.Callback(item.State);
        }
    }

    public void Close()
    {
        lock (_work)
        {
            _closed = true;
            _work.Clear();
        }
    }
}
