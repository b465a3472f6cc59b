using System.Collections.Concurrent;
using System.Diagnostics;
using Dapr.Client;

namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>The pub/sub suite on pubsub.in-memory: machine-wide delivery between sidecar processes through the local registry.</summary>
public sealed class InMemoryPubSubTests : PubSubConformanceTests
{
    protected override Task<PubSubBackend> StartBackendAsync() => Task.FromResult<PubSubBackend>(new InMemoryBackend());

    /// <summary>
    /// The publishing sidecar hands a bulk publish to the consuming sidecar in one peer call (seen as the publisher's
    /// outgoing HTTP requests to the subscriber sidecar's /_local/pubsub), not one call per message.
    /// </summary>
    [Fact]
    public async Task A_bulk_publish_reaches_the_consuming_sidecar_in_one_peer_call()
    {
        await using var world = await CreateWorldAsync();
        var subscriber = await world.StartSubscriberAsync();
        var publisher = await world.StartPublisherAsync();
        var peerCalls = new ConcurrentQueue<string>();
        var peerPath = $"127.0.0.1:{subscriber.HttpPort}/_local/pubsub/";
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("url.full") is string url && url.Contains(peerPath, StringComparison.Ordinal))
                {
                    peerCalls.Enqueue(url);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = publisher.CreateClient();

        var result = await client.BulkPublishEventAsync(SubscriberApp.Pubsub, "orders", Enumerable.Range(1, 8).Select(i => new { orderId = i, item = "bulk" }).ToList());

        Assert.Empty(result.FailedEntries);
        Assert.Equal(8, (await world.Recorder.WaitForAsync("orders", 8)).Count);
        Assert.Single(peerCalls);
    }
}
