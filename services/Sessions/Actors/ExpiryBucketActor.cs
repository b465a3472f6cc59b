using Dapr.Actors.Runtime;

namespace AmazonScale.Sessions.Actors;

/// <summary>
/// Sweeps one slot of the cleanup timing wheel. Calls only go forward — bucket → session → user, and bucket → a later
/// bucket — so no two actors ever wait on each other. Sessions whose sweep failed stay and are retried when the
/// reminder repeats; an emptied bucket deletes its state and reminder.
/// </summary>
public sealed class ExpiryBucketActor(ActorHost host, TimeProvider clock, ILogger<ExpiryBucketActor> logger) : Actor(host), IExpiryBucketActor, IRemindable
{
    private const string StateName = "bucket";
    private const string SweepReminder = "sweep";
    private const int ParallelSweeps = 16;
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMinutes(1);

    public async Task Enroll(EnrollRequest request)
    {
        var stored = await StateManager.TryGetStateAsync<ExpiryBucketState>(StateName);
        if (!stored.HasValue)
        {
            var dueIn = request.DueAt - clock.GetUtcNow();
            await RegisterReminderAsync(SweepReminder, null, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, RetryPeriod);
        }
        var state = stored.HasValue ? stored.Value : new ExpiryBucketState(request.DueAt, []);
        await StateManager.SetStateAsync(StateName, state with { SessionIds = [.. state.SessionIds, request.SessionId] });
    }

    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        var stored = await StateManager.TryGetStateAsync<ExpiryBucketState>(StateName);
        var remaining = stored.HasValue ? await SweepAsync(stored.Value.SessionIds.Distinct()) : [];
        if (remaining.Count > 0)
        {
            await StateManager.SetStateAsync(StateName, stored.Value with { SessionIds = remaining });
            return;
        }
        await StateManager.TryRemoveStateAsync(StateName);
        await StateManager.SaveStateAsync();
        await UnregisterReminderAsync(SweepReminder);
    }

    /// <summary>Returns the sessions to keep: those whose sweep failed, or that belong to this very slot after all.</summary>
    private async Task<List<string>> SweepAsync(IEnumerable<string> sessionIds)
    {
        var actors = new SessionActors(ProxyFactory);
        var keep = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(sessionIds, new ParallelOptions { MaxDegreeOfParallelism = ParallelSweeps }, async (sessionId, cancellationToken) =>
        {
            try
            {
                var reply = await actors.SweepAsync(sessionId, cancellationToken);
                if (reply.Ended)
                {
                    return;
                }
                if (reply.NextBucketId == Id.GetId())
                {
                    // The reminder fired a little early: the session's deadline is still inside this slot.
                    keep.Add(sessionId);
                    return;
                }
                await actors.EnrollAsync(reply.NextBucketId!, new EnrollRequest(sessionId, reply.NextDueAt), cancellationToken);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not sweep session {SessionId}; retrying with the next reminder", sessionId);
                keep.Add(sessionId);
            }
        });
        return [.. keep];
    }
}
