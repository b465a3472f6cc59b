using AmazonScale.TaskQueue.Actors;

namespace AmazonScale.TaskQueue.Tests.Actors;

public sealed class CallCoalescerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A fake shard method: records each call's items, holds the first <see cref="Held"/> calls until released, answers item × 10.</summary>
    private sealed class FakeShard
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public int Held { get; init; } = 1;

        public List<(string Key, List<int> Items)> Calls { get; } = [];
        public Func<List<int>, Exception?> FailWhen { get; init; } = _ => null;

        public CallCoalescer<string, int, int> Coalescer(long maxWeight = 1000, int maxInFlight = 1) => new(SendAsync, _ => 1, maxWeight, maxInFlight);

        public void Release() => _released.SetResult();

        private async Task<List<int>> SendAsync(string key, List<int> items)
        {
            lock (Calls)
            {
                Calls.Add((key, items));
            }
            if (Interlocked.Increment(ref _calls) <= Held)
            {
                await _released.Task;
            }
            return FailWhen(items) is { } failure ? throw failure : items.Select(item => item * 10).ToList();
        }
    }

    [Fact]
    public async Task Calls_queued_behind_one_in_flight_go_out_together_and_each_gets_its_own_results()
    {
        var shard = new FakeShard();
        var coalescer = shard.Coalescer();

        var first = coalescer.CallAsync("s", [1], CancellationToken.None);
        var second = coalescer.CallAsync("s", [2, 3], CancellationToken.None);
        var third = coalescer.CallAsync("s", [4], CancellationToken.None);
        shard.Release();

        Assert.Equal([10], await first.WaitAsync(Patience));
        Assert.Equal([20, 30], await second.WaitAsync(Patience));
        Assert.Equal([40], await third.WaitAsync(Patience));
        Assert.Equal([[1], [2, 3, 4]], shard.Calls.Select(call => call.Items));
    }

    [Fact]
    public async Task Merging_stops_before_the_weight_limit_but_a_single_call_goes_out_whole()
    {
        var shard = new FakeShard();
        var coalescer = shard.Coalescer(maxWeight: 3);

        var first = coalescer.CallAsync("s", [1, 2, 3, 4], CancellationToken.None);
        var queued = new[] { coalescer.CallAsync("s", [5, 6], CancellationToken.None), coalescer.CallAsync("s", [7, 8], CancellationToken.None) };
        shard.Release();

        Assert.Equal([10, 20, 30, 40], await first.WaitAsync(Patience));
        Assert.Equal([[50, 60], [70, 80]], await Task.WhenAll(queued).WaitAsync(Patience));
        Assert.Equal([[1, 2, 3, 4], [5, 6], [7, 8]], shard.Calls.Select(call => call.Items));
    }

    [Fact]
    public async Task A_failed_call_fails_the_callers_it_carried_and_the_lane_goes_on()
    {
        var shard = new FakeShard { FailWhen = items => items.Contains(1) ? new InvalidOperationException("shard down") : null };
        var coalescer = shard.Coalescer();

        var failing = coalescer.CallAsync("s", [1], CancellationToken.None);
        var queued = coalescer.CallAsync("s", [2], CancellationToken.None);
        shard.Release();

        Assert.Equal("shard down", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Patience))).Message);
        Assert.Equal([20], await queued.WaitAsync(Patience));
        Assert.Equal([30], await coalescer.CallAsync("s", [3], CancellationToken.None).WaitAsync(Patience));
    }

    [Fact]
    public async Task Other_keys_do_not_wait_for_a_call_in_flight()
    {
        var shard = new FakeShard();
        var coalescer = shard.Coalescer();

        var held = coalescer.CallAsync("a", [1], CancellationToken.None);
        Assert.Equal([20], await coalescer.CallAsync("b", [2], CancellationToken.None).WaitAsync(Patience));
        Assert.False(held.IsCompleted);
        shard.Release();
        Assert.Equal([10], await held.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_call_answering_the_wrong_number_of_results_fails_its_callers()
    {
        var coalescer = new CallCoalescer<string, int, int>((_, items) => Task.FromResult(items.Skip(1).ToList()), _ => 1, 100, 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => coalescer.CallAsync("s", [1, 2], CancellationToken.None).WaitAsync(Patience));
    }

    [Fact]
    public async Task Up_to_max_in_flight_calls_go_out_at_once_and_the_rest_merge_behind_them()
    {
        var shard = new FakeShard { Held = 2 };
        var coalescer = shard.Coalescer(maxInFlight: 2);

        var calls = new[] { coalescer.CallAsync("s", [1], CancellationToken.None), coalescer.CallAsync("s", [2], CancellationToken.None) };
        var queued = new[] { coalescer.CallAsync("s", [3], CancellationToken.None), coalescer.CallAsync("s", [4], CancellationToken.None) };
        Assert.Equal([[1], [2]], shard.Calls.Select(call => call.Items));
        shard.Release();

        Assert.Equal([[10], [20], [30], [40]], await Task.WhenAll(calls.Concat(queued)).WaitAsync(Patience));
        Assert.Equal([[1], [2], [3, 4]], shard.Calls.Select(call => call.Items));
    }
}
