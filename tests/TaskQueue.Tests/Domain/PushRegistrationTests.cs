using AmazonScale.TaskQueue.Actors;

namespace AmazonScale.TaskQueue.Tests.Domain;

public sealed class PushRegistrationTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Registrations_read_twice_are_the_same_but_a_changed_type_list_is_not()
    {
        var first = new PushRegistration("worker", ["a", "b"], "tasks", 4, At);
        Assert.True(first.SameAs(new PushRegistration("worker", ["a", "b"], "tasks", 4, At)));
        Assert.False(first.SameAs(new PushRegistration("worker", ["a", "c"], "tasks", 4, At)));
        Assert.False(first.SameAs(first with { MaxConcurrency = 8 }));
    }
}
