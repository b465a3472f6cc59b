using System.Diagnostics.Metrics;

namespace AmazonScale.FlashSale;

/// <summary>Instruments on the Meter named after the app (ServiceDefaults exports that Meter).</summary>
public sealed class FlashSaleMetrics
{
    private readonly Counter<long> _blocked;
    private readonly Counter<long> _reservations;
    private readonly Counter<long> _rateLimiterFallbacks;

    public FlashSaleMetrics(IMeterFactory meters, IHostEnvironment environment)
    {
        var meter = meters.Create(environment.ApplicationName);
        _blocked = meter.CreateCounter<long>("flash_sale.bot_defence.blocked", "{request}", "Queue joins refused by bot defence, by reason.");
        _reservations = meter.CreateCounter<long>("flash_sale.reservations", "{reservation}", "Reserve attempts by outcome.");
        _rateLimiterFallbacks = meter.CreateCounter<long>(
            "flash_sale.bot_defence.rate_limiter_fallbacks", "{fallback}", "Times the rate limiter became unreachable and the local limiter took over.");
    }

    public void Blocked(string reason) => _blocked.Add(1, new KeyValuePair<string, object?>("flash_sale.block.reason", reason));

    public void RateLimiterFallback() => _rateLimiterFallbacks.Add(1);

    public void Reservation(string outcome) => _reservations.Add(1, new KeyValuePair<string, object?>("flash_sale.reservation.outcome", outcome));
}
