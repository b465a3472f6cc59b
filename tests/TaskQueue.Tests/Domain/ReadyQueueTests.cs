using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Tests.Domain;

public sealed class ReadyQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ageing = TimeSpan.FromSeconds(30);

    private static List<string> Drain(ReadyQueue queue, DateTimeOffset now)
    {
        var order = new List<string>();
        while (queue.Take(now) is { } entry)
        {
            order.Add(entry.TaskId);
        }
        return order;
    }

    [Fact]
    public void Higher_priority_first_then_arrival_order()
    {
        var queue = new ReadyQueue(Ageing);
        queue.Add("low-1", 1, T0);
        queue.Add("high-1", 9, T0);
        queue.Add("mid", 5, T0);
        queue.Add("high-2", 9, T0);
        queue.Add("low-2", 1, T0);

        Assert.Equal(["high-1", "high-2", "mid", "low-1", "low-2"], Drain(queue, T0));
    }

    [Fact]
    public void Waiting_raises_priority_so_low_priority_never_starves()
    {
        var queue = new ReadyQueue(Ageing);
        queue.Add("old-low", 2, T0);
        var now = T0 + TimeSpan.FromSeconds(95); // three steps: effective 5
        queue.Add("fresh-4", 4, now);
        queue.Add("fresh-5", 5, now);

        Assert.Equal(5, queue.EffectivePriority(queue.Peek(now)!, now));
        Assert.Equal(["old-low", "fresh-5", "fresh-4"], Drain(queue, now));
    }

    [Fact]
    public void Effective_priority_is_capped_at_the_top_level()
    {
        var queue = new ReadyQueue(Ageing);
        var entry = queue.Add("t", 3, T0)!;
        Assert.Equal(TaskSpec.MaxPriority, queue.EffectivePriority(entry, T0 + TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Adding_a_queued_task_again_changes_nothing()
    {
        var queue = new ReadyQueue(Ageing);
        Assert.NotNull(queue.Add("t", 3, T0));
        Assert.Null(queue.Add("t", 9, T0));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Taking_removes_the_best_entry_and_an_empty_queue_gives_nothing()
    {
        var queue = new ReadyQueue(Ageing);
        queue.Add("t", 5, T0);
        Assert.Equal("t", queue.Take(T0)!.TaskId);
        Assert.Equal(0, queue.Count);
        Assert.Null(queue.Take(T0));
        Assert.Null(queue.Remove("t"));
    }
}
