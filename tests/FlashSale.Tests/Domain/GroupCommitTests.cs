using Microsoft.Extensions.Time.Testing;

namespace AmazonScale.FlashSale.Tests.Domain;

public sealed class GroupCommitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DeferredDelay = TimeSpan.FromMilliseconds(500);

    private readonly FakeTimeProvider _clock = new();

    /// <summary>Records every batch; each commit waits until the test releases it.</summary>
    private sealed class Committer
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string[]> Batches { get; } = [];

        public TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? Failure { get; set; }

        public async Task<string[]> CommitAsync(IReadOnlyList<string> batch)
        {
            Task release;
            lock (_gate)
            {
                Batches.Add([.. batch]);
                release = _release.Task;
                Started.TrySetResult();
            }
            await release;
            return Failure is { } failure ? throw failure : [.. batch.Select(item => $"done {item}")];
        }

        /// <summary>Lets the commits run and arms the next "started" signal.</summary>
        public void Release()
        {
            lock (_gate)
            {
                Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
                _release.TrySetResult();
                _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    [Fact]
    public async Task Items_arriving_while_a_batch_is_in_flight_go_together_in_the_next()
    {
        var committer = new Committer();
        var group = new GroupCommit<string, string>(committer.CommitAsync, maxBatch: 10, _clock);
        var first = group.EnqueueAsync("a", CancellationToken.None);
        await committer.Started.Task.WaitAsync(Patience);
        var waiting = new[] { group.EnqueueAsync("b", CancellationToken.None), group.EnqueueAsync("c", CancellationToken.None) };
        committer.Release();
        Assert.Equal("done a", await first.WaitAsync(Patience));
        await committer.Started.Task.WaitAsync(Patience);
        committer.Release();
        Assert.Equal(["done b", "done c"], await Task.WhenAll(waiting).WaitAsync(Patience));
        Assert.Equal([["a"], ["b", "c"]], committer.Batches);
    }

    [Fact]
    public async Task A_deferred_item_rides_with_the_next_batch_and_starts_none_of_its_own()
    {
        var committer = new Committer();
        var group = new GroupCommit<string, string>(committer.CommitAsync, maxBatch: 10, _clock);
        group.Defer("mark", DeferredDelay);
        _clock.Advance(DeferredDelay / 2);
        Assert.Empty(committer.Batches);

        var awaited = group.EnqueueAsync("a", CancellationToken.None);
        await committer.Started.Task.WaitAsync(Patience);
        committer.Release();
        await awaited.WaitAsync(Patience);
        _clock.Advance(DeferredDelay);
        await Task.Delay(50);
        Assert.Equal([["a", "mark"]], committer.Batches);
    }

    [Fact]
    public async Task Deferred_items_go_alone_once_their_delay_passed_without_a_batch()
    {
        var committer = new Committer();
        var group = new GroupCommit<string, string>(committer.CommitAsync, maxBatch: 10, _clock);
        group.Defer("x", DeferredDelay);
        group.Defer("y", DeferredDelay);
        _clock.Advance(DeferredDelay);
        await committer.Started.Task.WaitAsync(Patience);
        committer.Release();
        Assert.Equal([["x", "y"]], committer.Batches);
    }

    [Fact]
    public async Task A_failed_commit_fails_its_waiting_items_and_drops_its_deferred_ones()
    {
        var committer = new Committer { Failure = new InvalidOperationException("store down") };
        var group = new GroupCommit<string, string>(committer.CommitAsync, maxBatch: 10, _clock);
        group.Defer("mark", DeferredDelay);
        var awaited = group.EnqueueAsync("a", CancellationToken.None);
        await committer.Started.Task.WaitAsync(Patience);
        committer.Release();
        await Assert.ThrowsAsync<InvalidOperationException>(() => awaited.WaitAsync(Patience));

        committer.Failure = null;
        var next = group.EnqueueAsync("b", CancellationToken.None);
        await committer.Started.Task.WaitAsync(Patience);
        committer.Release();
        Assert.Equal("done b", await next.WaitAsync(Patience));
        Assert.Equal([["a", "mark"], ["b"]], committer.Batches);
    }
}
