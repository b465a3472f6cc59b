using System.Text.Json;
using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Domain;
using AmazonScale.Sidecar.State;

namespace AmazonScale.FlashSale.Tests.Domain;

public sealed class ReservationPageTests
{
    /// <summary>What the actor runtime stores state with (the Dapr SDK's defaults).</summary>
    private static readonly JsonSerializerOptions ActorStateJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true };

    private static readonly DateTimeOffset Expiry = new(2026, 11, 23, 12, 5, 0, 250, TimeSpan.Zero);

    private static ReservationPage PageOf(params ShardReservation[] reservations)
    {
        var page = new ReservationPage();
        foreach (var reservation in reservations)
        {
            page.Put(reservation);
        }
        return page;
    }

    private static readonly ShardReservation[] EveryShape =
    [
        new("2-zoe", "zoe", Expiry, ReservationStatus.Reserved),
        new("1-ann", "ann", Expiry, ReservationStatus.Released, "payment_failed", RefundRequested: true, PaymentRequestedAt: Expiry.AddMinutes(-4), PaymentAnswered: true, FollowUpDue: true),
        new("1-ben", "ben", Expiry, ReservationStatus.Sold, PaymentRequestedAt: Expiry.AddMinutes(-3), PaymentAnswered: true, PaymentMethod: "sandbox_ok"),
        new("4-dee", "dee", Expiry, ReservationStatus.Paying, PaymentRequestedAt: Expiry.AddMinutes(-2), FollowUpDue: true, PaymentMethod: "sandbox_declined"),
        InventoryRules.Voided("7-cy", "cy"),
    ];

    [Fact]
    public void The_reservations_of_one_shards_customers_spread_over_every_page()
    {
        var sale = new SaleDefinition("s", "sku", 10_000, 1m, "USD", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), 1,
            TimeSpan.FromMinutes(5), QueueMode.Fifo, 16, 10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var homeZero = Enumerable.Range(0, 20_000).Select(n => $"h{n}").Where(customer => sale.HomeShard(customer) == 0).ToList();
        var pages = homeZero.Select(customer => ReservationPage.KeyOf($"1-{customer}")).ToList();
        Assert.Equal(ReservationPage.Count, pages.Distinct().Count());
        Assert.InRange(pages.GroupBy(page => page).Max(page => page.Count()), 1, 2 * homeZero.Count / ReservationPage.Count);
    }

    [Fact]
    public void A_page_key_depends_only_on_the_id_and_names_one_of_the_pages()
    {
        var keys = Enumerable.Range(0, 2_000).Select(n => ReservationPage.KeyOf($"{n}-customer")).ToList();
        Assert.Equal(keys, Enumerable.Range(0, 2_000).Select(n => ReservationPage.KeyOf($"{n}-customer")));
        Assert.Equal(ReservationPage.Count, keys.Distinct().Count());
        Assert.All(keys, key => Assert.StartsWith("reservations:", key));
    }

    [Fact]
    public void A_page_reads_back_every_reservation_as_it_was_written()
    {
        var json = JsonSerializer.Serialize(PageOf(EveryShape), ActorStateJson);
        var read = JsonSerializer.Deserialize<ReservationPage>(json, ActorStateJson)!;
        Assert.All(EveryShape, reservation => Assert.Equal(reservation, read.Find(reservation.Id)));
        Assert.Null(read.Find("3-zoe"));
    }

    [Fact]
    public void A_page_is_written_as_the_sidecar_stores_it_and_leaves_out_default_members()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(PageOf(EveryShape), ActorStateJson);
        Assert.Equal(json, GoJson.Encode(json));
        using var document = JsonDocument.Parse(json);
        Assert.Equal(["1-ann", "1-ben", "2-zoe", "4-dee", "7-cy"], document.RootElement.EnumerateObject().Select(entry => entry.Name));
        Assert.Equal(["customerId", "expiresAt", "id", "status"], document.RootElement.GetProperty("2-zoe").EnumerateObject().Select(member => member.Name));
    }
}
