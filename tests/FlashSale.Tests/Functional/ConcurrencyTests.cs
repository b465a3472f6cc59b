using System.Globalization;
using AmazonScale.TestSupport;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// Many simulated customers against 1,000 units. The default size fits the CI budget on a loaded 2-core machine;
/// FLASHSALE_CONCURRENCY_CUSTOMERS=50000 runs the full 50K.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ConcurrencyTests(StackFixture fixture)
{
    private const int Units = 1_000;
    private readonly SaleStack _stack = fixture.Stack;

    private static int Customers =>
        int.TryParse(Environment.GetEnvironmentVariable("FLASHSALE_CONCURRENCY_CUSTOMERS"), CultureInfo.InvariantCulture, out var customers) ? customers : 1_200;

    [Fact]
    public async Task Many_customers_never_oversell_and_every_observation_keeps_the_invariant()
    {
        var sale = await _stack.CreateSaleAsync(new
        {
            id = "rush", sku = "console", units = Units, price = 1m, shards = 8, reservation_ttl_seconds = 5,
            admission_batch_size = 2_000, admission_interval_seconds = 0.1, admission_window_seconds = 600,
        });
        var http = _stack.FlashSale.CreateClient(("User-Agent", Shopper.BrowserUserAgent));
        var run = new SaleRun(http, sale.Id, TimeSpan.FromMinutes(5));

        using var stop = new CancellationTokenSource();
        var observations = InvariantObserver.ObserveAsync(_stack.Admin, sale.Id, Units, stop.Token);
        // One customer in ten reserves and walks away: those units come back when the reservation expires.
        await run.RunAsync(Customers, parallelism: 64, abandons: index => index % 10 == 0);
        var drained = await Poll.UntilAsync(() => _stack.StatusAsync(sale.Id), status => status.Reserved == 0, TimeSpan.FromSeconds(30), "every reservation settled");
        stop.Cancel();
        var observed = await observations;

        Assert.True(observed > 0);
        Assert.InRange(drained.Sold, 1, Units);
        run.AssertOutcome(await _stack.AuditAsync(sale.Id), Units);
    }
}
