using Dapr;
using Dapr.Client;
using Grpc.Core;

namespace AmazonScale.FlashSale;

/// <summary>Keys written exactly once across instances (first-write concurrency), and their reads.</summary>
public sealed class StateClaims(DaprClient dapr)
{
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    /// <summary>Stores <paramref name="value"/> unless the key exists; returns what the key holds afterwards and whether it was us.</summary>
    public async Task<(bool Claimed, T Value)> ClaimAsync<T>(string key, T value, CancellationToken cancellationToken) where T : class
    {
        try
        {
            await dapr.SaveStateAsync(DaprComponents.StateStore, key, value, FirstWrite, cancellationToken: cancellationToken);
            return (true, value);
        }
        catch (DaprException ex) when (ex.InnerException is RpcException { StatusCode: StatusCode.Aborted or StatusCode.Internal })
        {
            // Stores report a lost first-write race as an ETag mismatch or (Redis) a generic failure: the stored value decides.
            return await GetAsync<T>(key, cancellationToken) is { } stored ? (false, stored) : throw new InvalidOperationException($"claiming '{key}' failed", ex);
        }
    }

    public Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken) where T : class =>
        dapr.GetStateAsync<T?>(DaprComponents.StateStore, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
}
