namespace AmazonScale.TaskQueue.Domain;

/// <summary>A ready task in a queue. Seq orders entries of one queue by arrival.</summary>
public sealed record QueueEntry(string TaskId, int Priority, long Seq, DateTimeOffset EnqueuedAt);
