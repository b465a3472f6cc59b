using System.Collections.Concurrent;
using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Sales;

/// <summary>
/// Keeps an in-process snapshot of every sale this instance has served: a few times a second it reads the shards'
/// ledgers and asks the queue actor to admit what is due. Queue status reads and sold-out decisions are answered
/// from the snapshot with no I/O (the hot read path); writes (reserve, checkout) always go to the actors.
/// </summary>
public sealed partial class SaleMonitor(SaleActors actors, FlashSaleOptions options, TimeProvider clock, ILogger<SaleMonitor> logger) : BackgroundService
{
    /// <summary>How long after its end a sale is still refreshed (late reservations expire in that time).</summary>
    private static readonly TimeSpan AfterEnd = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, SaleSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SaleDefinition> _tracked = new(StringComparer.Ordinal);

    /// <summary>The latest snapshot, reading one first if this instance has none for the sale yet.</summary>
    public async ValueTask<SaleSnapshot> SnapshotAsync(SaleDefinition sale, CancellationToken cancellationToken)
    {
        if (_snapshots.TryGetValue(sale.Id, out var snapshot))
        {
            return snapshot;
        }
        _tracked.TryAdd(sale.Id, sale);
        return await RefreshAsync(sale, cancellationToken);
    }

    /// <summary>Reads every shard now (the status endpoint) and keeps the result as the snapshot.</summary>
    public Task<SaleSnapshot> ReadAsync(SaleDefinition sale, CancellationToken cancellationToken) => RefreshAsync(sale, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Takes a new snapshot (after a sold-out answer, and every monitor interval) from ledgers at most one interval
    /// old: shards that reported one since, with a batch's reply, are not asked again.
    /// </summary>
    public Task<SaleSnapshot> RefreshAsync(SaleDefinition sale, CancellationToken cancellationToken) => RefreshAsync(sale, options.MonitorInterval, cancellationToken);

    private async Task<SaleSnapshot> RefreshAsync(SaleDefinition sale, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        _tracked.TryAdd(sale.Id, sale);
        var shards = await actors.LedgersAsync(sale, maxAge, cancellationToken);
        var line = await actors.AdmitAsync(sale, shards.Sum(shard => shard.Available), cancellationToken);
        var snapshot = new SaleSnapshot(sale, shards, line, clock.GetUtcNow());
        _snapshots[sale.Id] = snapshot;
        return snapshot;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.MonitorInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = clock.GetUtcNow();
            await Task.WhenAll(_tracked.Values.Where(sale => now < sale.EndsAt + AfterEnd).Select(sale => RefreshQuietlyAsync(sale, stoppingToken)));
        }
    }

    private async Task RefreshQuietlyAsync(SaleDefinition sale, CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(sale, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The sidecar or an actor host is briefly unavailable (restart, rebalancing): keep the last snapshot.
            LogRefreshFailed(sale.Id, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing sale {SaleId} failed: {Reason}")]
    private partial void LogRefreshFailed(string saleId, string reason);
}
