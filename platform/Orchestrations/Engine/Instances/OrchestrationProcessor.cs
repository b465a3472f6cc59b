using AmazonScale.Orchestrations.Engine.History;
using AmazonScale.Orchestrations.Telemetry;

namespace AmazonScale.Orchestrations.Engine.Instances;

/// <summary>
/// The operations of one instance. Each runs as one turn (the actor runtime serializes them): load, apply,
/// persist history + outbox atomically, then carry out the outbox. Nothing here calls another instance, so
/// no turn ever waits on another turn; deliveries to other instances go through the background dispatcher.
/// </summary>
public sealed class OrchestrationProcessor(string instanceId, IInstanceStore store, IInstanceScheduler scheduler, InstanceStepper stepper, TimeProvider time)
{
    public async Task<ScheduleResult> ScheduleAsync(StartRequest request, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(cancellationToken) is { } existing)
        {
            return new ScheduleResult(false, existing.Parent);
        }
        var record = InstanceRecord.Create(instanceId, request, time.GetUtcNow());
        WorkflowTelemetry.InstanceStarted(request.Name);
        await CommitAsync(record, redeliverAll: false, cancellationToken);
        return new ScheduleResult(true, request.Parent);
    }

    public async Task<bool> AddEventAsync(InboundEvent inbound, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(cancellationToken) is not { } record)
        {
            return false;
        }
        if (IsCurrent(record, inbound.ExecutionId))
        {
            record.Inbox.Add(inbound.Event);
            await CommitAsync(record, redeliverAll: false, cancellationToken);
        }
        return true;
    }

    public async Task AcknowledgeAsync(Acknowledgement acknowledgement, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(cancellationToken) is not { } record)
        {
            return;
        }
        var removed = record.Outbox.RemoveAll(m => m.Id == acknowledgement.MessageId) > 0;
        var hasResult = acknowledgement.Result is not null && IsCurrent(record, acknowledgement.ExecutionId);
        if (hasResult)
        {
            record.Inbox.Add(acknowledgement.Result!);
        }
        if (removed || hasResult)
        {
            await CommitAsync(record, redeliverAll: false, cancellationToken);
        }
    }

    public async Task OnTimerDueAsync(TimerDue due, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(cancellationToken) is { } record && IsCurrent(record, due.ExecutionId))
        {
            record.Inbox.Add(new TimerFired(FiredAt(record, due.TaskId), due.TaskId));
            await CommitAsync(record, redeliverAll: false, cancellationToken);
        }
        await scheduler.CancelTimerAsync(due.ExecutionId, due.TaskId, cancellationToken);
    }

    /// <summary>
    /// Reminders and in-process timers may wake a millisecond early (different clocks); the workflow must still see
    /// its timer fire no sooner than it asked for.
    /// </summary>
    private DateTimeOffset FiredAt(InstanceRecord record, int taskId)
    {
        var now = time.GetUtcNow();
        var created = record.History.OfType<TimerCreated>().LastOrDefault(t => t.TaskId == taskId);
        return created is not null && created.FireAt > now ? created.FireAt : now;
    }

    /// <summary>The redelivery reminder: hands every unacknowledged message out again (after a crash nobody else will).</summary>
    public async Task OnRedeliveryDueAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(cancellationToken) is not { } record)
        {
            await scheduler.CancelRedeliveryAsync(cancellationToken);
            return;
        }
        var index = new HistoryIndex(record.History);
        record.Outbox.RemoveAll(m => m is RunActivity run && (run.ExecutionId != record.ExecutionId || index.IsResolved(run.TaskId)));
        await CommitAsync(record, redeliverAll: true, cancellationToken);
    }

    public async Task<WorkflowState> GetStateAsync(bool includePayloads, CancellationToken cancellationToken) =>
        await store.LoadAsync(cancellationToken) is { } record ? record.ToState(includePayloads) : WorkflowState.NotFound(instanceId);

    public async Task<bool> PurgeAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(cancellationToken) is not { } record || !record.Status.IsTerminal())
        {
            return false;
        }
        await store.DeleteAsync(cancellationToken);
        if (record.RedeliveryScheduled)
        {
            await scheduler.CancelRedeliveryAsync(cancellationToken);
        }
        return true;
    }

    private static bool IsCurrent(InstanceRecord record, string? executionId) =>
        !record.Status.IsTerminal() && (executionId is null || executionId == record.ExecutionId);

    /// <summary>
    /// Advances and persists <paramref name="record"/>, then carries out its outbox. Ordering keeps every crash
    /// point safe: the redelivery reminder exists before an outbox is saved, and is removed only after an
    /// empty outbox was saved.
    /// </summary>
    private async Task CommitAsync(InstanceRecord record, bool redeliverAll, CancellationToken cancellationToken)
    {
        var alreadyHandedOut = redeliverAll ? [] : record.Outbox.Select(m => m.Id).ToHashSet();
        stepper.Advance(record, time.GetUtcNow());
        record.LastUpdatedAt = time.GetUtcNow();
        if (record.Outbox.Count > 0 && !record.RedeliveryScheduled)
        {
            await scheduler.ScheduleRedeliveryAsync(cancellationToken);
            record.RedeliveryScheduled = true;
        }
        await store.SaveAsync(record, cancellationToken);

        var local = record.Outbox.Where(m => m.IsLocal).ToList();
        foreach (var message in local)
        {
            await (message switch
            {
                RegisterTimer timer => scheduler.RegisterTimerAsync(timer, cancellationToken),
                CancelTimer cancel => scheduler.CancelTimerAsync(cancel.ExecutionId, cancel.TaskId, cancellationToken),
                _ => throw new InvalidOperationException($"{message} is not a local message"),
            });
        }
        record.Outbox.RemoveAll(local.Contains);
        var remote = record.Outbox.Where(m => !alreadyHandedOut.Contains(m.Id)).ToList();
        if (remote.Count > 0)
        {
            scheduler.Dispatch(instanceId, remote);
        }
        // A redelivery tick with nothing left also cancels: the reminder may outlive a turn that failed after saving.
        var sleep = record.Outbox.Count == 0 && (record.RedeliveryScheduled || redeliverAll);
        var wasScheduled = record.RedeliveryScheduled;
        if (sleep)
        {
            record.RedeliveryScheduled = false;
        }
        if ((sleep && wasScheduled) || local.Count > 0)
        {
            await store.SaveAsync(record, cancellationToken);
        }
        if (sleep)
        {
            await scheduler.CancelRedeliveryAsync(cancellationToken);
        }
    }
}
