using System.Text.Json;
using System.Text.Json.Nodes;
using StackExchange.Redis;

namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>The pub/sub suite on pubsub.redis (Redis Streams), plus what only a durable broker guarantees.</summary>
public sealed class RedisPubSubTests : PubSubConformanceTests
{
    protected override async Task<PubSubBackend> StartBackendAsync() => await RedisBackend.StartAsync();

    [SkippableFact]
    public async Task Messages_are_stored_as_the_real_component_stores_them()
    {
        await using var world = await CreateWorldAsync();
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();

        await client.PublishEventAsync("pubsub", "layout", new { orderId = 9 }, new Dictionary<string, string> { ["partitionKey"] = "p1" });

        var redis = ((RedisBackend)world.Backend).Server;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Address);
        var entry = Assert.Single(await connection.GetDatabase().StreamRangeAsync("layout"));
        var cloudEvent = JsonNode.Parse((string)entry["data"]!)!.AsObject();
        Assert.Equal(9, cloudEvent["data"]!["orderId"]!.GetValue<int>());
        Assert.Equal("publisher", cloudEvent["source"]!.GetValue<string>());
        var metadata = JsonSerializer.Deserialize<Dictionary<string, string>>((string)entry["metadata"]!)!;
        Assert.Equal("p1", metadata["partitionKey"]);
    }

    [SkippableFact]
    public async Task Messages_published_before_the_subscriber_starts_are_delivered()
    {
        await using var world = await CreateWorldAsync();
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();

        await client.PublishEventAsync("pubsub", "orders", new { orderId = 100, item = "early" });
        await world.StartSubscriberAsync();

        var received = Assert.Single(await world.Recorder.WaitForAsync("orders"));
        Assert.Contains("\"orderId\":100", received.Body);
    }

    [SkippableFact]
    public async Task A_message_that_expired_while_waiting_is_not_delivered_but_dead_lettered()
    {
        await using var world = await CreateWorldAsync();
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();

        await client.PublishEventAsync("pubsub", "gone", new { orderId = 101 }, new Dictionary<string, string> { ["ttlInSeconds"] = "1" });
        // Waiting for a deadline, not for a condition: the event must be older than its time-to-live.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await world.StartSubscriberAsync();

        // As in daprd the dead-letter copy keeps its "expiration", so the poison subscriber drops it too:
        // look for it in the dead-letter stream itself.
        await using var connection = await ConnectionMultiplexer.ConnectAsync(((RedisBackend)world.Backend).Server.Address);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        StreamEntry[] deadLetters;
        while ((deadLetters = await connection.GetDatabase().StreamRangeAsync("poison")).Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        var dead = JsonNode.Parse((string)Assert.Single(deadLetters)["data"]!)!;
        Assert.Equal(101, dead["data"]!["orderId"]!.GetValue<int>());
        Assert.Empty(world.Recorder.Attempts("gone"));
        Assert.Empty(world.Recorder.Attempts("poison"));
    }
}
