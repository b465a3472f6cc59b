using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Domain;
using Microsoft.Extensions.Time.Testing;

namespace AmazonScale.FlashSale.Tests.Domain;

public sealed class ShardStockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly SaleDefinition Sale = new(
        "s1", "sku", 40, 10m, "USD", Start, Start.AddHours(1), 1, TimeSpan.FromMinutes(5), QueueMode.Fifo, 4, 10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    private readonly FakeTimeProvider _clock = new(Start);

    private static ShardLedger WithAvailable(int available) => new(10, available, 10 - available, 0, 0, 10 - available, 0);

    /// <summary>A customer whose home is <paramref name="shard"/>.</summary>
    private static string CustomerAt(int shard) => Enumerable.Range(0, 1000).Select(i => $"c{i}").First(id => Sale.HomeShard(id) == shard);

    [Fact]
    public void Before_any_report_every_shard_is_tried_home_first()
    {
        var order = new ShardStock(_clock).ShardOrder(Sale, CustomerAt(2));
        Assert.Equal(2, order[0]);
        Assert.Equal([0, 1, 2, 3], order.Order());
    }

    [Fact]
    public void Home_first_then_most_stock_first_then_unheard_shards()
    {
        var stock = new ShardStock(_clock);
        stock.Record(Sale, 0, WithAvailable(3));
        stock.Record(Sale, 1, WithAvailable(1));
        stock.Record(Sale, 2, WithAvailable(2));
        Assert.Equal([2, 0, 1, 3], stock.ShardOrder(Sale, CustomerAt(2)));
    }

    [Fact]
    public void Shards_last_seen_empty_are_left_out_home_included()
    {
        var stock = new ShardStock(_clock);
        stock.Record(Sale, 0, WithAvailable(0));
        stock.Record(Sale, 1, WithAvailable(4));
        stock.Record(Sale, 2, WithAvailable(0));
        stock.Record(Sale, 3, WithAvailable(0));
        Assert.Equal([1], stock.ShardOrder(Sale, CustomerAt(0)));

        stock.Record(Sale, 1, WithAvailable(0));
        Assert.Empty(stock.ShardOrder(Sale, CustomerAt(0)));

        // A released unit comes back with the shard's next report.
        stock.Record(Sale, 0, WithAvailable(1));
        Assert.Equal([0], stock.ShardOrder(Sale, CustomerAt(3)));
    }

    [Fact]
    public void A_report_is_current_for_the_age_asked_for_and_sales_are_kept_apart()
    {
        var stock = new ShardStock(_clock);
        stock.Record(Sale, 1, WithAvailable(5));
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(WithAvailable(5), stock.Current(Sale, 1, TimeSpan.FromMilliseconds(200)));
        Assert.Null(stock.Current(Sale, 1, TimeSpan.FromMilliseconds(199)));
        Assert.Null(stock.Current(Sale, 0, TimeSpan.FromHours(1)));
        Assert.Null(stock.Current(Sale with { Id = "s2" }, 1, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_shard_with_every_unit_sold_stays_current_and_one_merely_empty_does_not()
    {
        var stock = new ShardStock(_clock);
        var soldOut = new ShardLedger(10, 0, 0, 10, 2, 12, 1);
        stock.Record(Sale, 0, soldOut);
        stock.Record(Sale, 1, WithAvailable(0));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(soldOut, stock.Current(Sale, 0, TimeSpan.FromMilliseconds(200)));
        // Its reservations may still expire and bring units back.
        Assert.Null(stock.Current(Sale, 1, TimeSpan.FromMilliseconds(200)));
    }
}
