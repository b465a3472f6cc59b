using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.State;

namespace AmazonScale.UrlShortener.Owners;

/// <summary>One owner's codes with what listing filters and sorts on.</summary>
public sealed record OwnerIndexEntry(string Code, DateTimeOffset CreatedAt, IReadOnlyList<string> Tags);

/// <summary>
/// "My URLs" without a query API: each owner's codes live in <see cref="Shards"/> index documents
/// (shard chosen by a stable hash of the code), each updated by ETag read-modify-write. Sharding keeps
/// documents small and spreads concurrent creates of one owner over independent ETags; a listing reads
/// all shards in one bulk get.
/// </summary>
public sealed class OwnerIndex(StateDocuments state)
{
    public const int Shards = 16;

    public sealed class Shard
    {
        public List<OwnerIndexEntry> Entries { get; set; } = [];
    }

    public Task UpsertAsync(string ownerId, ShortUrl url, CancellationToken cancellationToken) =>
        ChangeAsync(ownerId, url.Code, entries => entries.Add(new OwnerIndexEntry(url.Code, url.CreatedAt, url.Tags)), cancellationToken);

    public Task RemoveAsync(string ownerId, string code, CancellationToken cancellationToken) =>
        ChangeAsync(ownerId, code, _ => { }, cancellationToken);

    /// <summary>Newest first, optionally only those carrying <paramref name="tag"/>.</summary>
    public async Task<IReadOnlyList<OwnerIndexEntry>> ListAsync(string ownerId, string? tag, CancellationToken cancellationToken)
    {
        var keys = Enumerable.Range(0, Shards).Select(shard => StateKeys.OwnerIndexShard(ownerId, shard)).ToArray();
        var shards = await state.GetManyAsync<Shard>(keys, cancellationToken);
        return shards.Values
            .SelectMany(shard => shard.Entries)
            .Where(entry => tag is null || entry.Tags.Contains(tag))
            .OrderByDescending(entry => entry.CreatedAt)
            .ThenBy(entry => entry.Code, StringComparer.Ordinal)
            .ToList();
    }

    public static int ShardOf(string code)
    {
        // FNV-1a: string.GetHashCode is randomised per process, and every instance must agree.
        var hash = 2166136261u;
        foreach (var c in code)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % Shards);
    }

    private Task ChangeAsync(string ownerId, string code, Action<List<OwnerIndexEntry>> add, CancellationToken cancellationToken) =>
        state.UpdateAsync<Shard, bool>(StateKeys.OwnerIndexShard(ownerId, ShardOf(code)), shard =>
        {
            var entries = (shard?.Entries ?? []).Where(entry => entry.Code != code).ToList();
            add(entries);
            return new(new Shard { Entries = entries }, true);
        }, cancellationToken);
}
