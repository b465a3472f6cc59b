using AmazonScale.Sidecar.Actors.Runtime;
using AmazonScale.Sidecar.Errors;

namespace AmazonScale.Sidecar.Tests.Actors.Runtime;

public sealed class TurnLockTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Waiters_get_the_turn_in_arrival_order()
    {
        var turnLock = new TurnLock();
        var first = await turnLock.EnterAsync(null, 32, CancellationToken.None);
        var order = new List<int>();
        var waiters = Enumerable.Range(1, 5).Select(async i =>
        {
            await Task.Delay(i * 20);
            using var turn = await turnLock.EnterAsync(null, 32, CancellationToken.None);
            lock (order)
            {
                order.Add(i);
            }
        }).ToList();
        while (turnLock.Pending < 6)
        {
            await Task.Delay(10);
        }
        first.Dispose();
        await Task.WhenAll(waiters).WaitAsync(Timeout);
        Assert.Equal([1, 2, 3, 4, 5], order);
        Assert.Equal(0, turnLock.Pending);
    }

    [Fact]
    public async Task Same_reentrancy_id_joins_the_turn_and_others_wait()
    {
        var turnLock = new TurnLock();
        using var outer = await turnLock.EnterAsync("chain-1", 32, CancellationToken.None);
        var inner = await turnLock.EnterAsync("chain-1", 32, CancellationToken.None).WaitAsync(Timeout);
        var other = turnLock.EnterAsync("chain-2", 32, CancellationToken.None);
        inner.Dispose();
        await Task.Delay(50);
        Assert.False(other.IsCompleted);
        outer.Dispose();
        (await other.WaitAsync(Timeout)).Dispose();
    }

    [Fact]
    public async Task Depth_beyond_the_maximum_is_refused()
    {
        var turnLock = new TurnLock();
        var turns = new List<TurnLock.Turn>();
        for (var depth = 0; depth < 3; depth++)
        {
            turns.Add(await turnLock.EnterAsync("chain", 3, CancellationToken.None));
        }
        var error = await Assert.ThrowsAsync<DaprException>(() => turnLock.EnterAsync("chain", 3, CancellationToken.None));
        Assert.Equal("ERR_ACTOR_MAX_STACK_DEPTH_EXCEEDED", error.Error.ErrorCode);
        turns.ForEach(t => t.Dispose());
        Assert.Equal(0, turnLock.Pending);
    }

    [Fact]
    public async Task Cancelled_waiter_leaves_the_queue_and_the_next_one_runs()
    {
        var turnLock = new TurnLock();
        var holder = await turnLock.EnterAsync(null, 32, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = turnLock.EnterAsync(null, 32, cancel.Token);
        var next = turnLock.EnterAsync(null, 32, CancellationToken.None);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        holder.Dispose();
        (await next.WaitAsync(Timeout)).Dispose();
        Assert.Equal(0, turnLock.Pending);
    }

    [Fact]
    public async Task Closing_fails_waiters_and_later_callers()
    {
        var turnLock = new TurnLock();
        using var holder = await turnLock.EnterAsync(null, 32, CancellationToken.None);
        var waiting = turnLock.EnterAsync(null, 32, CancellationToken.None);
        turnLock.Close();
        await Assert.ThrowsAsync<TurnClosedException>(() => waiting);
        await Assert.ThrowsAsync<TurnClosedException>(() => turnLock.EnterAsync(null, 32, CancellationToken.None));
    }

    [Fact]
    public async Task Never_two_turns_at_once_under_contention()
    {
        var turnLock = new TurnLock();
        var inside = 0;
        var maximum = 0;
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            using var turn = await turnLock.EnterAsync(null, 32, CancellationToken.None);
            var now = Interlocked.Increment(ref inside);
            maximum = Math.Max(maximum, now);
            await Task.Yield();
            Interlocked.Decrement(ref inside);
        }))).WaitAsync(Timeout);
        Assert.Equal(1, maximum);
    }
}
