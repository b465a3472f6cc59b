using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr;
using Dapr.Client;

namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>
/// The pub/sub suite every component must pass: two apps, each behind its own sidecar, the publisher using
/// the official DaprClient (gRPC) or the HTTP API, the subscriber Dapr.AspNetCore. Subclasses pick the component.
/// </summary>
public abstract class PubSubConformanceTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    protected abstract Task<PubSubBackend> StartBackendAsync();

    protected async Task<PubSubWorld> CreateWorldAsync() => PubSubWorld.Create(await StartBackendAsync());

    private sealed record Order(int OrderId, string Item);

    [SkippableFact]
    public async Task Dapr_client_publish_reaches_another_app_as_a_daprd_cloud_event()
    {
        await using var world = await CreateWorldAsync();
        await world.StartSubscriberAsync();
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();

        await client.PublishEventAsync(SubscriberApp.Pubsub, "orders", new Order(42, "book"));

        var received = Assert.Single(await world.Recorder.WaitForAsync("orders"));
        Assert.Equal(new Order(42, "book"), JsonSerializer.Deserialize<Order>(received.Body, Web));
        Assert.True(Guid.TryParse(received.Attribute("id"), out _));
        Assert.Equal("publisher", received.Attribute("source"));
        Assert.Equal("com.dapr.event.sent", received.Attribute("type"));
        Assert.Equal("1.0", received.Attribute("specversion"));
        Assert.Equal("application/json", received.Attribute("datacontenttype"));
        Assert.Equal("orders", received.Attribute("topic"));
        Assert.Equal("pubsub", received.Attribute("pubsubname"));
        Assert.Equal(42, received.Envelope!["data"]!["orderId"]!.GetValue<int>());
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", received.Attribute("traceparent"));
        Assert.Equal(received.Attribute("traceparent"), received.Attribute("traceid"));
        Assert.True(DateTimeOffset.TryParse(received.Attribute("time"), out _));
        Assert.Equal("pubsub", received.Headers["pubsubname"]);
        Assert.StartsWith("application/cloudevents+json", received.WireContentType);
    }

    [SkippableFact]
    public async Task Http_publish_uses_the_content_type_and_metadata_overrides()
    {
        await using var world = await CreateWorldAsync();
        await world.StartSubscriberAsync();
        var publisher = await world.StartPublisherAsync();

        using var content = new StringContent("hello subscribers", Encoding.UTF8, "text/plain");
        using var response = await publisher.Http.PutAsync("v1.0/publish/pubsub/notes?metadata.cloudevent.id=note-1&metadata.cloudevent.subject=s1&metadata.ttlInSeconds=600", content);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var received = Assert.Single(await world.Recorder.WaitForAsync("notes"));
        Assert.Equal("hello subscribers", received.Body);
        Assert.Equal("hello subscribers", received.Attribute("data"));
        Assert.StartsWith("text/plain", received.Attribute("datacontenttype"));
        Assert.Equal("note-1", received.Attribute("id"));
        Assert.Equal("s1", received.Attribute("subject"));
        var expiration = DateTimeOffset.Parse(received.Attribute("expiration")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiration - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11));
    }

    [SkippableFact]
    public async Task A_published_cloud_event_is_kept_and_routed_by_rules()
    {
        await using var world = await CreateWorldAsync();
        await world.StartSubscriberAsync();
        var publisher = await world.StartPublisherAsync();

        await PublishCloudEventAsync(publisher.Http, new JsonObject { ["id"] = "w-1", ["source"] = "factory", ["type"] = "widget", ["specversion"] = "1.0", ["data"] = new JsonObject { ["weight"] = 1 } });
        await PublishCloudEventAsync(publisher.Http, new JsonObject { ["id"] = "g-1", ["type"] = "gadget", ["specversion"] = "1.0", ["data"] = new JsonObject { ["weight"] = 50 } });
        await PublishCloudEventAsync(publisher.Http, new JsonObject { ["id"] = "g-2", ["type"] = "gadget", ["specversion"] = "1.0", ["data"] = new JsonObject { ["weight"] = 5 } });
        await PublishCloudEventAsync(publisher.Http, new JsonObject { ["id"] = "g-3", ["type"] = "gadget", ["specversion"] = "1.0", ["data"] = new JsonObject { ["weight"] = 1, ["priority"] = "high" } });

        using var client = publisher.CreateClient();
        await client.PublishEventAsync(SubscriberApp.Pubsub, "widgets", new CloudEvent<Order>(new Order(8, "sdk")) { Type = "widget", Source = new Uri("urn:sdk") });

        var special = await world.Recorder.WaitForAsync("widgets/special", 2);
        var fromHttp = Assert.Single(special, r => r.Attribute("id") == "w-1");
        Assert.Equal("factory", fromHttp.Attribute("source"));
        Assert.Equal("widgets", fromHttp.Attribute("topic"));
        var fromSdk = Assert.Single(special, r => r.Attribute("source") == "urn:sdk");
        Assert.Equal(new Order(8, "sdk"), JsonSerializer.Deserialize<Order>(fromSdk.Body, Web));
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", fromSdk.Attribute("traceparent"));
        Assert.Equal("pubsub", fromSdk.Attribute("pubsubname"));
        Assert.Equal(["g-1", "g-3"], (await world.Recorder.WaitForAsync("widgets/heavy", 2)).Select(r => r.Attribute("id")).Order());
        Assert.Equal("g-2", Assert.Single(await world.Recorder.WaitForAsync("widgets/other")).Attribute("id"));
    }

    [SkippableFact]
    public async Task Raw_payload_is_published_unchanged_and_wrapped_on_receipt()
    {
        await using var world = await CreateWorldAsync();
        await world.StartSubscriberAsync();
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();

        await client.PublishEventAsync(SubscriberApp.Pubsub, "raw", new Order(7, "raw"), new Dictionary<string, string> { ["rawPayload"] = "true" });

        var received = Assert.Single(await world.Recorder.WaitForAsync("raw"));
        Assert.Equal("application/octet-stream", received.Attribute("datacontenttype"));
        var bytes = Convert.FromBase64String(received.Attribute("data_base64")!);
        Assert.Equal(new Order(7, "raw"), JsonSerializer.Deserialize<Order>(bytes, Web));
    }

    [SkippableFact]
    public async Task A_failing_subscriber_is_retried_until_it_succeeds_once()
    {
        await using var world = await CreateWorldAsync();
        await world.StartSubscriberAsync();
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();

        await client.PublishEventAsync(SubscriberApp.Pubsub, "flaky", new Order(1, "retry"));

        var accepted = Assert.Single(await world.Recorder.WaitForAsync("flaky"));
        Assert.Equal(3, world.Recorder.Attempts("flaky").Count);
        Assert.All(world.Recorder.Attempts("flaky"), a => Assert.Equal(accepted.Attribute("id"), a.Attribute("id")));
    }

    [SkippableFact]
    public async Task Drop_status_sends_the_message_to_the_dead_letter_topic_without_retrying()
    {
        await using var world = await CreateWorldAsync();
        await world.StartSubscriberAsync();
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();

        await client.PublishEventAsync(SubscriberApp.Pubsub, "drop", new Order(2, "drop"));

        var dead = Assert.Single(await world.Recorder.WaitForAsync("poison"));
        Assert.Equal("drop", dead.Attribute("topic"));
        Assert.Single(world.Recorder.Attempts("drop"));
    }

    [SkippableFact]
    public async Task Not_found_from_the_subscriber_drops_to_the_dead_letter_topic()
    {
        await using var world = await CreateWorldAsync();
        await world.StartSubscriberAsync();
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();

        await client.PublishEventAsync(SubscriberApp.Pubsub, "gone", new Order(3, "gone"));

        var dead = Assert.Single(await world.Recorder.WaitForAsync("poison"));
        Assert.Equal("gone", dead.Attribute("topic"));
        Assert.Single(world.Recorder.Attempts("gone"));
    }

    [SkippableFact]
    public async Task Declarative_subscription_delivers_and_metadata_lists_every_subscription()
    {
        await using var world = await CreateWorldAsync();
        var subscriber = await world.StartSubscriberAsync();
        var outOfScope = await world.StartSubscriberAsync("auditor");
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();

        await client.PublishEventAsync(SubscriberApp.Pubsub, "declared", new Order(4, "yaml"));

        await world.Recorder.WaitForAsync("declared");
        // DaprClient.GetMetadataAsync does not expose subscriptions; JS and Go SDKs read them from the HTTP API.
        var metadata = JsonNode.Parse(await subscriber.Http.GetStringAsync("v1.0/metadata"))!;
        var subscriptions = metadata["subscriptions"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var declared = Assert.Single(subscriptions, s => (string?)s["topic"] == "declared");
        Assert.Equal("DECLARATIVE", (string?)declared["type"]);
        Assert.Equal("/declared", (string?)Assert.Single(declared["rules"]!.AsArray())!["path"]);
        var drop = Assert.Single(subscriptions, s => (string?)s["topic"] == "drop");
        Assert.Equal("PROGRAMMATIC", (string?)drop["type"]);
        Assert.Equal("poison", (string?)drop["deadLetterTopic"]);
        var widgets = Assert.Single(subscriptions, s => (string?)s["topic"] == "widgets");
        Assert.Equal(3, widgets["rules"]!.AsArray().Count);
        Assert.Equal("event.type == \"widget\"", (string?)widgets["rules"]![0]!["match"]);
        // The Subscription resource is scoped to "subscriber": the auditor app never subscribes to it.
        var auditorMetadata = JsonNode.Parse(await outOfScope.Http.GetStringAsync("v1.0/metadata"))!;
        Assert.DoesNotContain(auditorMetadata["subscriptions"]!.AsArray(), s => (string?)s!["topic"] == "declared");
        Assert.All(world.Recorder.Accepted("declared"), r => Assert.Equal("subscriber", r.AppInstance));
    }

    [SkippableFact]
    public async Task Instances_of_one_app_share_messages_and_each_app_gets_every_message()
    {
        await using var world = await CreateWorldAsync();
        await world.StartSubscriberAsync("subscriber", "subscriber-a");
        await world.StartSubscriberAsync("subscriber", "subscriber-b");
        await world.StartSubscriberAsync("auditor");
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();
        const int count = 12;

        for (var i = 0; i < count; i++)
        {
            await client.PublishEventAsync(SubscriberApp.Pubsub, "orders", new Order(i, "group"));
        }

        await world.Recorder.WaitForAsync("orders", count * 2);
        var byInstance = world.Recorder.Accepted("orders").ToLookup(r => r.AppInstance);
        var subscriberOrders = byInstance["subscriber-a"].Concat(byInstance["subscriber-b"]).Select(r => JsonSerializer.Deserialize<Order>(r.Body, Web)!.OrderId);
        Assert.Equal(Enumerable.Range(0, count), subscriberOrders.Order());
        Assert.Equal(Enumerable.Range(0, count), byInstance["auditor"].Select(r => JsonSerializer.Deserialize<Order>(r.Body, Web)!.OrderId).Order());
    }

    /// <summary>
    /// The publisher keeps publishing while each new app starts, so it holds a fresh view of the machine from just
    /// before the newcomer subscribed; the first message published once the newcomer reports ready must still reach it.
    /// </summary>
    [SkippableFact]
    public async Task A_subscriber_gets_what_is_published_from_the_moment_it_reports_ready()
    {
        await using var world = await CreateWorldAsync();
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();
        using var stopWarming = new CancellationTokenSource();
        var warming = Task.Run(async () =>
        {
            while (!stopWarming.IsCancellationRequested)
            {
                await client.PublishEventAsync(SubscriberApp.Pubsub, "unheard", new Order(0, "nobody subscribes"));
                await Task.Delay(20);
            }
        });
        const int newcomers = 3;

        for (var i = 0; i < newcomers; i++)
        {
            await world.StartSubscriberAsync($"newcomer-{i}");
            await client.PublishEventAsync(SubscriberApp.Pubsub, "orders", new Order(i, "first after ready"));
        }
        await stopWarming.CancelAsync();
        await warming;

        // Message i went to every app started by then: newcomer-k must get k, k+1, ... (a Redis stream also hands a new
        // consumer group what it still holds from before, as daprd's component does, so earlier ones may come too).
        var expected = Enumerable.Range(0, newcomers).SelectMany(k => Enumerable.Range(k, newcomers - k).Select(i => $"newcomer-{k}:{i}")).ToHashSet();
        await AmazonScale.TestSupport.Poll.UntilAsync(
            () => Task.FromResult(world.Recorder.Accepted("orders").Select(r => $"{r.AppInstance}:{JsonSerializer.Deserialize<Order>(r.Body, Web)!.OrderId}").ToHashSet()),
            received => received.IsSupersetOf(expected), TimeSpan.FromSeconds(20), "every newcomer receiving what was published once it was ready");
    }

    [SkippableFact]
    public async Task Consumer_id_uuid_gives_every_instance_every_message()
    {
        var backend = await StartBackendAsync();
        backend.ConsumerId = "{uuid}";
        await using var world = PubSubWorld.Create(backend);
        await world.StartSubscriberAsync("subscriber", "subscriber-a");
        await world.StartSubscriberAsync("subscriber", "subscriber-b");
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();
        const int count = 5;

        for (var i = 0; i < count; i++)
        {
            await client.PublishEventAsync(SubscriberApp.Pubsub, "orders", new Order(i, "broadcast"));
        }

        await world.Recorder.WaitForAsync("orders", count * 2);
        var byInstance = world.Recorder.Accepted("orders").ToLookup(r => r.AppInstance);
        Assert.Equal(Enumerable.Range(0, count), byInstance["subscriber-a"].Select(r => JsonSerializer.Deserialize<Order>(r.Body, Web)!.OrderId).Order());
        Assert.Equal(Enumerable.Range(0, count), byInstance["subscriber-b"].Select(r => JsonSerializer.Deserialize<Order>(r.Body, Web)!.OrderId).Order());
    }

    [SkippableFact]
    public async Task Delivery_continues_the_publishers_trace()
    {
        await using var world = await CreateWorldAsync();
        await world.StartSubscriberAsync();
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();

        // The publishing service's own span: the SDK's gRPC call carries it to the sidecar as traceparent.
        string traceId;
        using (var span = new System.Diagnostics.Activity("publish-order").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start())
        {
            traceId = span.TraceId.ToHexString();
            await client.PublishEventAsync(SubscriberApp.Pubsub, "orders", new Order(5, "traced"));
        }

        var received = Assert.Single(await world.Recorder.WaitForAsync("orders"));
        Assert.Equal(received.Attribute("traceparent"), received.Attribute("traceid"));
        Assert.Equal(SpanTraceId(received.Attribute("traceparent")), SpanTraceId(received.Headers["traceparent"]));
        Assert.Equal(traceId, SpanTraceId(received.Headers["traceparent"]));
    }

    [SkippableFact]
    public async Task Bulk_publish_over_grpc_and_http_delivers_every_entry()
    {
        await using var world = await CreateWorldAsync();
        await world.StartSubscriberAsync();
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();

        var result = await client.BulkPublishEventAsync(SubscriberApp.Pubsub, "orders", new List<Order> { new(10, "a"), new(11, "b") });
        Assert.Empty(result.FailedEntries);
        using var content = new StringContent("""
            [{"entryId":"1","event":{"orderId":12,"item":"c"},"contentType":"application/json"},
             {"entryId":"2","event":"plain text","contentType":"text/plain"}]
            """, Encoding.UTF8, "application/json");
        using var response = await publisher.Http.PostAsync("v1.0-alpha1/publish/bulk/pubsub/orders", content);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var received = await world.Recorder.WaitForAsync("orders", 4);
        Assert.Equal(["\"plain text\"", "10", "11", "12"], received
            .Select(r => r.Envelope!["data"]!.GetValueKind() == JsonValueKind.Object ? r.Envelope["data"]!["orderId"]!.ToJsonString() : r.Envelope["data"]!.ToJsonString())
            .Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Bulk_subscribe_delivers_batches_in_the_dapr_bulk_format()
    {
        await using var world = await CreateWorldAsync();
        await world.StartSubscriberAsync();
        var publisher = await world.StartPublisherAsync();
        using var client = publisher.CreateClient();

        await client.BulkPublishEventAsync(SubscriberApp.Pubsub, "bulk", Enumerable.Range(20, 5).Select(i => new Order(i, "bulk")).ToList());

        var entries = await world.Recorder.WaitForAsync("bulk", 5);
        Assert.Equal(5, entries.Count);
        Assert.Equal(Enumerable.Range(20, 5), entries.Select(e => e.Envelope!["data"]!["orderId"]!.GetValue<int>()).Order());
        Assert.All(entries, e => Assert.Equal("application/cloudevents+json", e.WireContentType));
        var requests = world.Recorder.Attempts("bulk-request");
        Assert.All(requests, r => Assert.InRange(r.Envelope!["entries"]!.AsArray().Count, 1, 3));
        Assert.All(requests, r => Assert.Equal("com.dapr.event.sent.bulk", r.Attribute("type")));
        Assert.True(requests.Count < 5, $"expected batching, got {requests.Count} requests for 5 events");
    }

    private static string? SpanTraceId(string? traceParent) => traceParent?.Split('-')[1];

    private static async Task PublishCloudEventAsync(HttpClient http, JsonObject cloudEvent)
    {
        using var content = new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        using var response = await http.PostAsync("v1.0/publish/pubsub/widgets", content);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
