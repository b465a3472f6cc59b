using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.State;

namespace AmazonScale.UrlShortener.Owners;

/// <summary>Units granted and the numbers the RateLimit headers report.</summary>
public sealed record QuotaDecision(int Granted, long Limit, long Remaining, long ResetSeconds, long WindowSeconds);

/// <summary>
/// Monthly create quota per API key: one counter document per key and calendar month, incremented with
/// ETag retry, so the limit holds exactly across instances. The counter expires a week after its month.
/// </summary>
public sealed class QuotaLedger(StateDocuments state, TimeProvider time)
{
    private static readonly TimeSpan KeepAfterPeriod = TimeSpan.FromDays(7);

    public sealed class Usage
    {
        public long Used { get; set; }
    }

    /// <summary>Grants up to <paramref name="requested"/> units (fewer, possibly zero, near the limit).</summary>
    public Task<QuotaDecision> ConsumeAsync(string ownerId, long limit, int requested, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var period = QuotaPeriod.Containing(now);
        var ttl = period.End + KeepAfterPeriod - now;
        return state.UpdateAsync<Usage, QuotaDecision>(StateKeys.Quota(ownerId, period.Id), usage =>
        {
            var used = usage?.Used ?? 0;
            var granted = QuotaPeriod.Grant(used, limit, requested);
            var decision = new QuotaDecision(granted, limit, Math.Max(0, limit - used - granted), period.SecondsUntilReset(now), (long)period.Length.TotalSeconds);
            return new(granted == 0 ? null : new Usage { Used = used + granted }, decision, ttl);
        }, cancellationToken);
    }

    /// <summary>Gives back units consumed for creates that then failed (alias taken).</summary>
    public Task RefundAsync(string ownerId, int units, CancellationToken cancellationToken)
    {
        if (units == 0)
        {
            return Task.CompletedTask;
        }
        var now = time.GetUtcNow();
        var period = QuotaPeriod.Containing(now);
        return state.UpdateAsync<Usage, bool>(StateKeys.Quota(ownerId, period.Id), usage =>
            new(usage is null ? null : new Usage { Used = Math.Max(0, usage.Used - units) }, true, period.End + KeepAfterPeriod - now), cancellationToken);
    }
}
