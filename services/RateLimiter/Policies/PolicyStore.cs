using AmazonScale.RateLimiter.Domain;
using AmazonScale.RateLimiter.Events;
using Dapr.Client;

namespace AmazonScale.RateLimiter.Policies;

/// <summary>
/// Policies in the Dapr state store (the source of truth): one key per policy plus an index of ids, both
/// written with ETags so concurrent administrators cannot lose each other's changes. Every change is
/// announced on the broadcast pub/sub so all instances apply it at once.
/// </summary>
public sealed class PolicyStore(DaprClient dapr)
{
    private const string IndexKey = "policy-index";

    public async Task<RateLimitPolicy?> GetAsync(string id, CancellationToken cancellationToken) =>
        await dapr.GetStateAsync<RateLimitPolicy?>(DaprComponents.StateStore, PolicyKey(id), cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<RateLimitPolicy>> LoadAllAsync(CancellationToken cancellationToken)
    {
        var ids = await dapr.GetStateAsync<List<string>?>(DaprComponents.StateStore, IndexKey, cancellationToken: cancellationToken) ?? [];
        if (ids.Count == 0)
        {
            return [];
        }
        var items = await dapr.GetBulkStateAsync<RateLimitPolicy?>(DaprComponents.StateStore, ids.Select(PolicyKey).ToList(), parallelism: 8, cancellationToken: cancellationToken);
        return items.Where(item => item.Value is not null).Select(item => item.Value!).ToList();
    }

    /// <summary>Stores <paramref name="change"/> applied to the current version (null current = no such policy); returns null when the change declined to write.</summary>
    public async Task<RateLimitPolicy?> SaveAsync(string id, Func<RateLimitPolicy?, RateLimitPolicy?> change, CancellationToken cancellationToken)
    {
        var (current, etag) = await dapr.GetStateAndETagAsync<RateLimitPolicy?>(DaprComponents.StateStore, PolicyKey(id), cancellationToken: cancellationToken);
        var next = change(current);
        if (next is null)
        {
            return null;
        }
        next = next with { Version = (current?.Version ?? 0) + 1 };
        var saved = await dapr.TrySaveStateAsync(DaprComponents.StateStore, PolicyKey(id), next, etag ?? "", cancellationToken: cancellationToken);
        if (!saved)
        {
            throw new PolicyConflictException(id);
        }
        if (current is null)
        {
            await UpdateIndexAsync(ids => ids.Add(id), cancellationToken);
        }
        await AnnounceAsync(new PolicyChanged(id, next.Version, Deleted: false), cancellationToken);
        return next;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var (current, etag) = await dapr.GetStateAndETagAsync<RateLimitPolicy?>(DaprComponents.StateStore, PolicyKey(id), cancellationToken: cancellationToken);
        if (current is null)
        {
            return false;
        }
        if (!await dapr.TryDeleteStateAsync(DaprComponents.StateStore, PolicyKey(id), etag, cancellationToken: cancellationToken))
        {
            throw new PolicyConflictException(id);
        }
        await UpdateIndexAsync(ids => ids.Remove(id), cancellationToken);
        await AnnounceAsync(new PolicyChanged(id, current.Version + 1, Deleted: true), cancellationToken);
        return true;
    }

    private Task AnnounceAsync(PolicyChanged change, CancellationToken cancellationToken) =>
        dapr.PublishEventAsync(DaprComponents.Broadcast, nameof(PolicyChanged), change, cancellationToken);

    private async Task UpdateIndexAsync(Func<SortedSet<string>, bool> update, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var (ids, etag) = await dapr.GetStateAndETagAsync<List<string>?>(DaprComponents.StateStore, IndexKey, cancellationToken: cancellationToken);
            var set = new SortedSet<string>(ids ?? [], StringComparer.Ordinal);
            if (!update(set))
            {
                return;
            }
            if (await dapr.TrySaveStateAsync(DaprComponents.StateStore, IndexKey, set.ToList(), etag ?? "", cancellationToken: cancellationToken))
            {
                return;
            }
        }
        throw new PolicyConflictException(IndexKey);
    }

    private static string PolicyKey(string id) => $"policy:{id}";
}
