using AmazonScale.TaskQueue.Domain;

namespace AmazonScale.TaskQueue.Tests.Domain;

public sealed class TaskGraphTests
{
    [Fact]
    public void Dependencies_come_before_their_dependants()
    {
        var graph = new Dictionary<string, IReadOnlyList<string>>
        {
            ["d"] = ["b", "c"],
            ["b"] = ["a"],
            ["c"] = ["a", "existing-task"],
            ["a"] = [],
        };
        var (order, cycle) = TaskGraph.Sort(graph);
        Assert.Null(cycle);
        Assert.True(order.ToList().IndexOf("a") < order.ToList().IndexOf("b"));
        Assert.True(order.ToList().IndexOf("b") < order.ToList().IndexOf("d"));
        Assert.True(order.ToList().IndexOf("c") < order.ToList().IndexOf("d"));
        Assert.Equal(4, order.Count);
    }

    [Fact]
    public void A_cycle_is_reported_with_its_members()
    {
        var graph = new Dictionary<string, IReadOnlyList<string>>
        {
            ["a"] = ["b"],
            ["b"] = ["c"],
            ["c"] = ["a"],
            ["x"] = [],
        };
        var (_, cycle) = TaskGraph.Sort(graph);
        Assert.NotNull(cycle);
        Assert.Equal(cycle[0], cycle[^1]);
        Assert.Equal(["a", "b", "c"], cycle.Distinct().Order());
    }
}
