using AmazonScale.FlashSale.Actors;
using AmazonScale.FlashSale.Domain;
using Dapr.Actors;
using Dapr.Actors.Client;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>The inventory shard actor driven through the sidecar as the service's other actors call it.</summary>
[Collection(StackCollection.Name)]
public sealed class ShardActorTests(StackFixture fixture)
{
    private readonly ActorProxy _shard = new ActorProxyFactory(new ActorProxyOptions { HttpEndpoint = $"http://127.0.0.1:{fixture.Stack.FlashSale.Sidecar.HttpPort}" })
        .Create(new ActorId(ShardActorId.For("voided", 0)), nameof(InventoryShardActor));

    [Fact]
    public async Task A_voided_reservation_id_can_never_be_reserved_and_voiding_an_existing_one_returns_it()
    {
        Assert.Null(await _shard.InvokeMethodAsync<string, ShardReservation?>(nameof(IInventoryShardActor.Void), "1-zoe"));
        var late = await _shard.InvokeMethodAsync<ReserveCommand, ReserveReply>(nameof(IInventoryShardActor.Reserve), new ReserveCommand("1-zoe", "zoe", 5, TimeSpan.FromMinutes(1)));
        Assert.Equal(ReserveOutcome.SoldOut, late.Outcome);

        var made = await _shard.InvokeMethodAsync<ReserveCommand, ReserveReply>(nameof(IInventoryShardActor.Reserve), new ReserveCommand("2-zoe", "zoe", 5, TimeSpan.FromMinutes(1)));
        Assert.Equal(ReserveOutcome.Reserved, made.Outcome);
        var voided = await _shard.InvokeMethodAsync<string, ShardReservation?>(nameof(IInventoryShardActor.Void), "2-zoe");
        Assert.Equal(made.Reservation, voided);
        var ledger = await _shard.InvokeMethodAsync<ShardLedger?>(nameof(IInventoryShardActor.GetLedger));
        Assert.Equal((4, 1, 1), (ledger!.Available, ledger.Reserved, ledger.Created));
    }
}
