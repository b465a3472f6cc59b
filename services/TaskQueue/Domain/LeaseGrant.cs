namespace AmazonScale.TaskQueue.Domain;

/// <summary>What a worker receives with a lease: the task and the fencing token to present with every later call.</summary>
public sealed record LeaseGrant(
    string TaskId,
    string TaskType,
    string PayloadJson,
    int Priority,
    int Attempt,
    long FencingToken,
    DateTimeOffset LeaseExpiresAt,
    DateTimeOffset DeadlineAt,
    bool Critical,
    DateTimeOffset ReadySince);
