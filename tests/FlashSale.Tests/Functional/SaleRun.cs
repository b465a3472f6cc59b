using System.Net;
using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Sales;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// Many customers buying at once, each: join, poll for its turn, reserve when admitted, then pay (or, for some,
/// never check out so the reservation expires). Failed calls (a crashed instance) are retried until the deadline.
/// </summary>
public sealed class SaleRun(HttpClient http, string saleId, TimeSpan deadline)
{
    private static readonly TimeSpan PollDelay = TimeSpan.FromMilliseconds(150);
    private readonly DateTime _deadline = DateTime.UtcNow + deadline;

    /// <summary>The reservations customers were given (id → customer), for checking against the audit.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> Reservations { get; } = new();

    /// <param name="abandons">Whether a customer reserves and then never checks out.</param>
    public async Task RunAsync(int customers, int parallelism, Func<int, bool> abandons)
    {
        using var slots = new SemaphoreSlim(parallelism);
        await Task.WhenAll(Enumerable.Range(0, customers).Select(async index =>
        {
            await slots.WaitAsync();
            try
            {
                await BuyAsync(new Shopper(http, $"c{index}"), abandons(index));
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    private async Task BuyAsync(Shopper shopper, bool abandon)
    {
        var joined = await RetryAsync(() => shopper.JoinAsync(saleId));
        if (joined.Body is null)
        {
            return;
        }
        while (DateTime.UtcNow < _deadline)
        {
            var status = (await RetryAsync(() => shopper.QueueStatusAsync(saleId, joined.Body.QueueToken))).Body;
            if (status is null || status.State == QueueState.Expired || status is { State: QueueState.SoldOut, MayReopen: false })
            {
                return;
            }
            if (status.State == QueueState.Admitted)
            {
                var reserved = await RetryAsync(() => shopper.ReserveAsync(saleId, status.AdmissionToken));
                if (reserved.Body is { } reservation)
                {
                    Reservations[reservation.ReservationId] = shopper.CustomerId;
                    if (!abandon)
                    {
                        await RetryAsync(() => shopper.CheckoutAsync(saleId, reservation.ReservationToken));
                    }
                    return;
                }
            }
            await Task.Delay(PollDelay);
        }
    }

    /// <summary>Repeats a call while the service is unreachable or failing (5xx), until the deadline.</summary>
    private async Task<Shopper.Answer<T>> RetryAsync<T>(Func<Task<Shopper.Answer<T>>> call)
    {
        while (true)
        {
            try
            {
                var answer = await call();
                if ((int)answer.Status < 500 || DateTime.UtcNow >= _deadline)
                {
                    return answer;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < _deadline)
            {
                // The instance is down (killed): try again shortly.
            }
            await Task.Delay(PollDelay);
        }
    }

    /// <summary>Everything a finished sale must satisfy, from its audit: the invariant, exactly-once outcomes, the per-customer limit.</summary>
    public void AssertOutcome(SaleAuditResponse audit, int units, int perCustomerLimit = 1)
    {
        Assert.True(audit.Consistent, "a shard's counters disagree with its reservations");
        var ledgers = audit.Shards.Select(shard => shard.Ledger).ToList();
        Assert.All(ledgers, ledger => Assert.True(ledger.IsConsistent, ledger.ToString()));
        Assert.Equal(units, ledgers.Sum(ledger => ledger.Units));
        var all = audit.Shards.SelectMany(shard => shard.Reservations.Select(r => (Id: Actors.PublicReservationId.Format(shard.Shard, r.Id), Reservation: r))).ToList();
        Assert.All(all, entry => Assert.Contains(entry.Reservation.Status, new[] { ReservationStatus.Sold, ReservationStatus.Released }));
        Assert.InRange(all.Count(entry => entry.Reservation.Status == ReservationStatus.Sold), 0, units);
        Assert.All(all.Where(e => e.Reservation.Status == ReservationStatus.Sold).GroupBy(e => e.Reservation.CustomerId), group => Assert.InRange(group.Count(), 1, perCustomerLimit));
        var known = all.ToDictionary(entry => entry.Id, entry => entry.Reservation.CustomerId);
        Assert.All(Reservations, given => Assert.Equal(given.Value, known.GetValueOrDefault(given.Key)));
    }
}
