namespace AmazonScale.Sidecar.State;

/// <summary>
/// A state.* component. Keys arrive fully formed (the API layer applies the keyPrefix strategy; actors
/// use appid||type||id||key), so a store never rewrites them. Each implementation stores values in the
/// same encoding as the real Dapr component (../shared/dapr-protocol.md 4.6) so daprd can read them.
/// Concurrency errors are signalled with StateETagMismatchException / StateETagInvalidException.
/// </summary>
public interface IStateStore
{
    /// <summary>Null when the key is missing or expired.</summary>
    Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(StateSetRequest request, CancellationToken cancellationToken);

    Task DeleteAsync(StateDeleteRequest request, CancellationToken cancellationToken);

    /// <summary>All operations apply or none do; a failed ETag or first-write check fails the whole transaction.</summary>
    Task ExecuteTransactionAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken);
}
