using AmazonScale.TaskQueue.Domain;
using Dapr.Actors;

namespace AmazonScale.TaskQueue.Actors;

/// <summary>One task (actor id = task id): the single writer of its record, its leases and its reminders.</summary>
public interface ITaskActor : IActor
{
    Task<TaskCreation> Create(CreateTask command);

    Task<TaskRecord?> Get();

    Task<DependantRegistration?> AddDependant(string dependantId);

    Task<LeaseGrant?> Lease(LeaseTask command);

    Task<LeaseReply?> Heartbeat(LeaseReport report);

    Task<LeaseReply?> Complete(LeaseReport report);

    Task<LeaseReply?> Fail(LeaseReport report);

    Task<CancelReply?> Cancel();

    Task<RetryReply?> Retry();

    Task<bool> ReleaseRetry(ReleaseAttempt command);

    Task<bool> ResolveDependencies(ResolveDependencies command);
}
