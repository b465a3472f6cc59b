using System.Net;
using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Domain;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>The inventory shard actor driven through the sidecar as the service's batches call it.</summary>
[Collection(StackCollection.Name)]
public sealed class ShardActorTests(StackFixture fixture)
{
    private readonly ActorProxy _shard = new ActorProxyFactory(new ActorProxyOptions { HttpEndpoint = $"http://127.0.0.1:{fixture.Stack.FlashSale.Sidecar.HttpPort}" })
        .Create(new ActorId(ShardActorId.For("voided", 0)), nameof(InventoryShardActor));

    [Fact]
    public async Task A_voided_reservation_id_can_never_be_reserved_and_voiding_an_existing_one_returns_it()
    {
        var first = await ApplyAsync(new ShardCommand(ShardOperation.Void, "1-zoe", "zoe"), new ShardCommand(ShardOperation.Reserve, "1-zoe", "zoe"));
        Assert.Null(first.Results[0].Reservation);
        Assert.Equal(ReserveOutcome.SoldOut, first.Results[1].Reserved);

        var made = await ApplyAsync(new ShardCommand(ShardOperation.Reserve, "2-zoe", "zoe"), new ShardCommand(ShardOperation.Find, "1-zoe"));
        Assert.Equal(ReserveOutcome.Reserved, made.Results[0].Reserved);
        Assert.Null(made.Results[1].Reservation);
        var voided = await ApplyAsync(new ShardCommand(ShardOperation.Void, "2-zoe", "zoe"));
        Assert.Equal(made.Results[0].Reservation, voided.Results[0].Reservation);
        Assert.Equal((4, 1, 1), (voided.Ledger.Available, voided.Ledger.Reserved, voided.Ledger.Created));
    }

    [Fact]
    public async Task A_batch_applies_its_commands_in_order_in_one_turn_and_repeats_change_nothing()
    {
        var shard = new ActorProxyFactory(new ActorProxyOptions { HttpEndpoint = $"http://127.0.0.1:{fixture.Stack.FlashSale.Sidecar.HttpPort}" })
            .Create(new ActorId(ShardActorId.For("batched", 0)), nameof(InventoryShardActor));
        var batch = new ShardBatch(2, TimeSpan.FromMinutes(1), [
            new ShardCommand(ShardOperation.Reserve, "1-ann", "ann"),
            new ShardCommand(ShardOperation.Reserve, "1-ann", "ann"),
            new ShardCommand(ShardOperation.Reserve, "1-ben", "ben"),
            new ShardCommand(ShardOperation.Reserve, "1-cy", "cy"),
            new ShardCommand(ShardOperation.BeginCheckout, "1-ann", PaymentMethod: "sandbox_ok"),
            new ShardCommand(ShardOperation.PaymentSucceeded, "1-ann"),
        ]);
        var reply = await shard.InvokeMethodAsync<ShardBatch, ShardBatchReply>(nameof(IInventoryShardActor.Apply), batch);

        Assert.Equal(
            [ReserveOutcome.Reserved, ReserveOutcome.AlreadyHeld, ReserveOutcome.Reserved, ReserveOutcome.SoldOut],
            reply.Results.Take(4).Select(result => result.Reserved!.Value));
        Assert.Equal((CheckoutOutcome.PaymentRequested, PaymentOutcome.Confirmed), (reply.Results[4].CheckedOut, reply.Results[5].Paid));
        Assert.Equal((0, 1, 1, 2), (reply.Ledger.Available, reply.Ledger.Reserved, reply.Ledger.Sold, reply.Ledger.Created));

        var again = await shard.InvokeMethodAsync<ShardBatch, ShardBatchReply>(nameof(IInventoryShardActor.Apply), batch);
        Assert.Equal(reply.Ledger, again.Ledger);
        var audit = await shard.InvokeMethodAsync<ShardAudit>(nameof(IInventoryShardActor.Audit));
        Assert.Equal(reply.Ledger, audit.Ledger);
        Assert.Equal(["1-ann", "1-ben"], audit.Reservations.Select(reservation => reservation.Id).Order());
    }

    [Fact]
    public async Task Creating_a_sale_opens_its_shards_so_no_customer_turn_reads_a_page_first()
    {
        await fixture.Stack.CreateSaleAsync(new { id = "opened", sku = "console", units = 8, price = 5m, shards = 4 });

        foreach (var shard in Enumerable.Range(0, 4))
        {
            foreach (var page in ReservationPage.Keys)
            {
                // 204 would mean the page was never written: its first read would still be ahead, inside a customer's turn.
                using var stored = await fixture.Stack.FlashSale.Sidecar.Http.GetAsync($"v1.0/actors/{nameof(InventoryShardActor)}/{ShardActorId.For("opened", shard)}/state/{page}");
                Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
            }
        }
    }

    private Task<ShardBatchReply> ApplyAsync(params ShardCommand[] commands) =>
        _shard.InvokeMethodAsync<ShardBatch, ShardBatchReply>(nameof(IInventoryShardActor.Apply), new ShardBatch(5, TimeSpan.FromMinutes(1), commands));
}
