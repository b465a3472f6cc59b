namespace AmazonScale.Sidecar.State;

public enum StateConcurrency
{
    Unspecified,
    FirstWrite,
    LastWrite,
}

public enum StateConsistency
{
    Unspecified,
    Eventual,
    Strong,
}

/// <summary>An upsert. With an ETag the write succeeds only if the stored ETag matches; FirstWrite without an ETag fails if the key exists.</summary>
public sealed record StateSetRequest(
    string Key,
    StateValue Value,
    string? ETag = null,
    StateConcurrency Concurrency = StateConcurrency.Unspecified,
    StateConsistency Consistency = StateConsistency.Unspecified,
    TimeSpan? Ttl = null);

public sealed record StateDeleteRequest(
    string Key,
    string? ETag = null,
    StateConcurrency Concurrency = StateConcurrency.Unspecified,
    StateConsistency Consistency = StateConsistency.Unspecified);

/// <summary>One operation of ExecuteStateTransaction.</summary>
public abstract record StateOperation(string Key);

public sealed record StateUpsert(StateSetRequest Request) : StateOperation(Request.Key);

public sealed record StateDelete(StateDeleteRequest Request) : StateOperation(Request.Key);
