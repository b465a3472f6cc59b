using AmazonScale.FlashSale.Domain;
using AmazonScale.FlashSale.Sales;

namespace AmazonScale.FlashSale.Tests.Domain;

public sealed class SaleValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static CreateSaleRequest Request(string? id = "s1", int? units = 1000, decimal? price = 10m, int? shards = null, string? currency = null) =>
        new(id, "sku-1", units, price, currency, null, null, null, null, null, shards, null, null, null);

    [Fact]
    public void Defaults_fill_everything_the_request_leaves_out()
    {
        Assert.Empty(SaleValidation.Validate(Request(), null, Now, out var sale));
        Assert.Equal((Now, Now.AddHours(1), 1, TimeSpan.FromMinutes(5), QueueMode.Fifo, 10, "USD"),
            (sale!.StartsAt, sale.EndsAt, sale.PerCustomerLimit, sale.ReservationTtl, sale.QueueMode, sale.Shards, sale.Currency));
        Assert.Equal(1000, Enumerable.Range(0, sale.Shards).Sum(sale.ShardUnits));
    }

    [Fact]
    public void An_idempotency_key_names_the_sale_the_same_way_every_time()
    {
        SaleValidation.Validate(Request(id: null), "key-1", Now, out var first);
        SaleValidation.Validate(Request(id: null), "key-1", Now, out var second);
        Assert.Equal(first!.Id, second!.Id);
        Assert.Matches(Ids.Sale(), first.Id);
    }

    [Fact]
    public void Every_invalid_field_is_reported()
    {
        var errors = SaleValidation.Validate(Request(id: "Bad Id", units: 0, price: -1, currency: "usd"), null, Now, out var sale);
        Assert.Null(sale);
        Assert.Equal(["currency", "id", "price", "shards", "units"], errors.Keys.Order());
    }
}
