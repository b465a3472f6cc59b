using System.Collections.Concurrent;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Actors;

/// <summary>
/// The newest ledger each inventory shard reported to this instance. Every shard batch replies with the shard's ledger
/// (<see cref="ShardBatches"/>), so under load this knows within milliseconds which shards still have stock: reserves
/// skip the shards last seen empty instead of walking through them one actor call after another at the end of a sale,
/// and the monitor asks only the shards it has not heard from lately and that may still change.
/// </summary>
public sealed class ShardStock(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Report?[]> _sales = new(StringComparer.Ordinal);

    /// <summary>Called in order per shard (this instance has at most one batch in flight per shard).</summary>
    public void Record(SaleDefinition sale, int shard, ShardLedger ledger) => Reports(sale)[shard] = new Report(ledger, clock.GetUtcNow());

    /// <summary>
    /// The shard's ledger if it reported one within <paramref name="maxAge"/>, or whenever once every unit of it was
    /// sold: its stock can no longer change (a sold unit stays sold), so a sold-out sale costs its monitor no actor calls.
    /// </summary>
    public ShardLedger? Current(SaleDefinition sale, int shard, TimeSpan maxAge) =>
        Reports(sale)[shard] is { } report && (clock.GetUtcNow() - report.At <= maxAge || report.Ledger.Sold == report.Ledger.Units) ? report.Ledger : null;

    /// <summary>
    /// Shards to try for a customer: home first, then the others by stock (most first); a shard whose latest ledger
    /// showed nothing available is left out (units released later are seen with its next report, at most one monitor
    /// interval away), a shard not heard from yet is tried last.
    /// </summary>
    public IReadOnlyList<int> ShardOrder(SaleDefinition sale, string customerId)
    {
        var reports = Reports(sale);
        var home = sale.HomeShard(customerId);
        var others = new List<(int Shard, int Available)>(sale.Shards);
        for (var shard = 0; shard < sale.Shards; shard++)
        {
            if (shard != home && MayHaveStock(reports[shard]))
            {
                others.Add((shard, KnownAvailable(reports[shard])));
            }
        }
        others.Sort(static (a, b) => b.Available.CompareTo(a.Available));
        var order = new List<int>(others.Count + 1);
        if (MayHaveStock(reports[home]))
        {
            order.Add(home);
        }
        foreach (var (shard, _) in others)
        {
            order.Add(shard);
        }
        return order;
    }

    private static bool MayHaveStock(Report? report) => report is null || report.Ledger.Available > 0;

    /// <summary>Sorts unheard shards after every shard known to have stock.</summary>
    private static int KnownAvailable(Report? report) => report?.Ledger.Available ?? 0;

    private Report?[] Reports(SaleDefinition sale) => _sales.GetOrAdd(sale.Id, static (_, shards) => new Report?[shards], sale.Shards);

    private sealed record Report(ShardLedger Ledger, DateTimeOffset At);
}
