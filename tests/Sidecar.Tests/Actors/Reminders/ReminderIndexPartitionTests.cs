using AmazonScale.Sidecar.Actors.Reminders;

namespace AmazonScale.Sidecar.Tests.Actors.Reminders;

public sealed class ReminderIndexPartitionTests
{
    [Fact]
    public void The_partition_is_a_fixed_function_of_the_id_shared_by_every_process()
    {
        // FNV-1a("abc") = 0x1A47E90B; a per-process randomised hash could not give a constant here.
        Assert.Equal((int)(0x1A47E90Bu % ReminderIndexPartition.Count), ReminderIndexPartition.Of("abc"));
    }

    [Fact]
    public void Ids_spread_over_every_partition()
    {
        var used = Enumerable.Range(0, 2_000).Select(i => ReminderIndexPartition.Of($"actor-{i}")).ToHashSet();
        Assert.Equal(ReminderIndexPartition.Count, used.Count);
        Assert.All(used, p => Assert.InRange(p, 0, ReminderIndexPartition.Count - 1));
    }
}
