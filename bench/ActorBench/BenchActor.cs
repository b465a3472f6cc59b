using Dapr.Actors;
using Dapr.Actors.Runtime;

namespace AmazonScale.Bench.Actors;

public interface IBenchActor : IActor
{
    Task<int> EchoAsync(int value);
}

/// <summary>Does no work of its own, so the bench measures the actor path: sidecar routing, turn lock, SDK dispatch.</summary>
public sealed class BenchActor(ActorHost host) : Actor(host), IBenchActor, IRemindable
{
    private static long s_reminderFires;

    public static long ReminderFires => Interlocked.Read(ref s_reminderFires);

    public Task<int> EchoAsync(int value) => Task.FromResult(value);

    public Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref s_reminderFires);
        return Task.CompletedTask;
    }
}
