using Dapr;
using Dapr.Client;
using Grpc.Core;

namespace AmazonScale.FlashSale;

/// <summary>
/// Optimistic writes across instances: keys written exactly once (first write wins) and records replaced only if
/// nobody changed them since they were read (ETag). Stores report a lost race as an ETag mismatch or (Redis) a
/// generic failure; either way the caller reads again and decides.
/// </summary>
public sealed class StateClaims(DaprClient dapr)
{
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    /// <summary>Stores <paramref name="value"/> unless the key exists; returns what the key holds afterwards and whether it was us.</summary>
    public async Task<(bool Claimed, T Value)> ClaimAsync<T>(string key, T value, CancellationToken cancellationToken) where T : class =>
        await TryCreateAsync(key, value, cancellationToken) ? (true, value)
        : await GetAsync<T>(key, cancellationToken) is { } stored ? (false, stored)
        : throw new InvalidOperationException($"claiming '{key}' failed and nothing is stored under it");

    /// <summary>Stores <paramref name="value"/> if the key does not exist yet.</summary>
    public async Task<bool> TryCreateAsync<T>(string key, T value, CancellationToken cancellationToken) where T : class
    {
        try
        {
            await dapr.SaveStateAsync(DaprComponents.StateStore, key, value, FirstWrite, cancellationToken: cancellationToken);
            return true;
        }
        catch (DaprException ex) when (IsLostRace(ex))
        {
            return false;
        }
    }

    /// <summary>Replaces the value read with <paramref name="etag"/>, unless it changed since.</summary>
    public async Task<bool> TryReplaceAsync<T>(string key, T value, string etag, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await dapr.TrySaveStateAsync(DaprComponents.StateStore, key, value, etag, FirstWrite, cancellationToken: cancellationToken);
        }
        catch (DaprException ex) when (IsLostRace(ex))
        {
            return false;
        }
    }

    public Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken) where T : class =>
        dapr.GetStateAsync<T?>(DaprComponents.StateStore, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);

    public async Task<(T? Value, string ETag)> GetWithETagAsync<T>(string key, CancellationToken cancellationToken) where T : class =>
        await dapr.GetStateAndETagAsync<T?>(DaprComponents.StateStore, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);

    private static bool IsLostRace(DaprException ex) => ex.InnerException is RpcException { StatusCode: StatusCode.Aborted or StatusCode.Internal };
}
