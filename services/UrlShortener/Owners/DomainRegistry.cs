using AmazonScale.UrlShortener.State;

namespace AmazonScale.UrlShortener.Owners;

public sealed record BrandedDomainRecord(string Host, string OwnerId, DateTimeOffset CreatedAt);

/// <summary>Branded hosts, each claimed by one owner with a first-write insert.</summary>
public sealed class DomainRegistry(StateDocuments state, TimeProvider time)
{
    /// <summary>The record now holding <paramref name="host"/> (the caller's, or whoever had it) and whether this call claimed it.</summary>
    public async Task<(BrandedDomainRecord Holder, bool Claimed)> ClaimAsync(string ownerId, string host, CancellationToken cancellationToken)
    {
        var claim = new BrandedDomainRecord(host, ownerId, time.GetUtcNow());
        if (await state.TryInsertAsync(StateKeys.Domain(host), claim, ttl: null, cancellationToken))
        {
            return (claim, true);
        }
        var holder = await FindAsync(host, cancellationToken) ?? throw new InvalidOperationException($"domain '{host}' vanished while being claimed.");
        return (holder, false);
    }

    public Task<BrandedDomainRecord?> FindAsync(string host, CancellationToken cancellationToken) =>
        state.GetAsync<BrandedDomainRecord>(StateKeys.Domain(host), cancellationToken);
}
