namespace AmazonScale.Bench;

/// <summary>
/// What one connection of an open-loop run saw. Latency counts from the request's due time, not from when it was sent:
/// a request that waited for its connection (the previous answer was slow) or for the load generator counts that wait,
/// which a closed loop hides (coordinated omission). Not thread-safe: keep one per connection and Merge.
/// </summary>
public sealed class OpenLoopTally
{
    public LatencyHistogram Latency { get; } = new();

    /// <summary>How long after its due time each request was sent (timer granularity, a busy connection, a starved generator).</summary>
    public LatencyHistogram SendLag { get; } = new();

    /// <summary>Requests sent more than the run's lateness threshold after their due time.</summary>
    public long Late { get; private set; }

    /// <summary>Measured requests that were never sent because the run gave up on a connection that fell too far behind.</summary>
    public long Unsent { get; private set; }

    /// <summary>When the last measured request completed (same units as the schedule); 0 before any.</summary>
    public long LastCompleted { get; private set; }

    public void Record(OpenLoopSchedule schedule, long due, long sent, long completed, long lateThresholdMicroseconds)
    {
        Latency.RecordMicroseconds(schedule.Microseconds(due, completed));
        var lag = schedule.Microseconds(due, sent);
        SendLag.RecordMicroseconds(lag);
        if (lag > lateThresholdMicroseconds)
        {
            Late++;
        }
        LastCompleted = Math.Max(LastCompleted, completed);
    }

    public void CountUnsent(long requests) => Unsent += requests;

    public void Merge(OpenLoopTally other)
    {
        Latency.Merge(other.Latency);
        SendLag.Merge(other.SendLag);
        Late += other.Late;
        Unsent += other.Unsent;
        LastCompleted = Math.Max(LastCompleted, other.LastCompleted);
    }
}
