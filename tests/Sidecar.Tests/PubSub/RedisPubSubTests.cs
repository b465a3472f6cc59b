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
}
