using System.Collections.Concurrent;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Sales;

/// <summary>
/// Sale definitions in the state store ("sale:{id}", written once). Definitions never change, so each instance
/// caches them for good after the first read.
/// </summary>
public sealed class SaleCatalog(StateClaims state)
{
    private readonly ConcurrentDictionary<string, SaleDefinition> _cache = new(StringComparer.Ordinal);

    /// <summary>Stores a new sale, or returns the one already stored under its id (the caller compares them).</summary>
    public async Task<(bool Created, SaleDefinition Stored)> CreateAsync(SaleDefinition sale, CancellationToken cancellationToken)
    {
        var (created, stored) = await state.ClaimAsync(Key(sale.Id), sale, cancellationToken);
        return (created, _cache.GetOrAdd(sale.Id, stored));
    }

    public async Task<SaleDefinition?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(id, out var cached))
        {
            return cached;
        }
        return await state.GetAsync<SaleDefinition>(Key(id), cancellationToken) is { } stored ? _cache.GetOrAdd(id, stored) : null;
    }

    private static string Key(string id) => $"sale:{id}";
}
