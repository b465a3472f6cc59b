using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmazonScale.TestSupport;
using AmazonScale.UrlShortener.Events;
using AmazonScale.UrlShortener.Redirects;

namespace AmazonScale.UrlShortener.Tests.Functional;

/// <summary>
/// Visit batches straight through the sidecar's pub/sub, as the click publisher sends them: deliveries of many large
/// batches, batches delivered twice (at-least-once) and an entry that is not a batch at all.
/// </summary>
public sealed class VisitBatchDeliveryTests(LocalServiceFixture fixture) : IClassFixture<LocalServiceFixture>
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

    [Fact]
    public async Task Full_batches_delivered_twice_next_to_a_malformed_entry_count_every_visit_exactly_once()
    {
        const int batches = 6;
        var owner = await fixture.Service.NewOwnerAsync();
        var code = await owner.ShortenAsync("https://example.com/batched");
        var sentinel = await owner.ShortenAsync("https://example.com/sentinel");
        using var dapr = fixture.Service.Sidecar.CreateClient();

        for (var b = 0; b < batches; b++)
        {
            var batch = Batch(code, ClickPublisher.MaxBatch, first: b * ClickPublisher.MaxBatch);
            await dapr.PublishEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), batch);
            await dapr.PublishEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), batch);
            if (b == batches / 2)
            {
                await dapr.PublishEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), "not a visit batch");
            }
        }
        await dapr.PublishEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), Batch(sentinel, 1, first: 0));

        const int expected = batches * ClickPublisher.MaxBatch;
        await Poll.UntilAsync(() => VisitsAsync(owner, sentinel), visits => visits >= 1, TimeSpan.FromSeconds(30), "the sentinel visit");
        var counted = await Poll.UntilAsync(() => VisitsAsync(owner, code), visits => visits >= expected, TimeSpan.FromSeconds(30), $"{expected} visits");
        Assert.Equal(expected, counted);
    }

    [Fact]
    public async Task Binary_batches_as_the_click_publisher_sends_them_count_once_next_to_JSON_batches()
    {
        var owner = await fixture.Service.NewOwnerAsync();
        var code = await owner.ShortenAsync("https://example.com/binary");
        using var dapr = fixture.Service.Sidecar.CreateClient();
        var binary = new ArrayBufferWriter<byte>();
        UrlVisitBatchCodec.Encode(Batch(code, ClickPublisher.MaxBatch, first: 0), binary);

        await dapr.PublishByteEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), binary.WrittenMemory, UrlVisitBatchCodec.ContentType);
        await dapr.PublishByteEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), binary.WrittenMemory, UrlVisitBatchCodec.ContentType);
        await dapr.PublishByteEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), "not a visit batch"u8.ToArray(), UrlVisitBatchCodec.ContentType);
        await dapr.PublishEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), Batch(code, 1, first: ClickPublisher.MaxBatch));

        const int expected = ClickPublisher.MaxBatch + 1;
        var counted = await Poll.UntilAsync(() => VisitsAsync(owner, code), visits => visits >= expected, TimeSpan.FromSeconds(30), $"{expected} visits");
        Assert.Equal(expected, counted);
        // Nothing still in flight adds to it: a last JSON batch arrives after the duplicate binary one was handled.
        await dapr.PublishEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), Batch(code, 1, first: ClickPublisher.MaxBatch + 1));
        Assert.Equal(expected + 1, await Poll.UntilAsync(() => VisitsAsync(owner, code), visits => visits >= expected + 1, TimeSpan.FromSeconds(30), "the last visit"));
    }

    [Fact]
    public async Task A_delivery_entry_that_is_not_a_batch_is_dropped_alone()
    {
        var owner = await fixture.Service.NewOwnerAsync();
        var code = await owner.ShortenAsync("https://example.com/mixed");
        var batch = JsonSerializer.SerializeToNode(Batch(code, 3, first: 0), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        // The bulk delivery the sidecar would POST, with a second entry whose data is not a batch.
        var delivery = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["type"] = "com.dapr.event.sent.bulk",
            ["topic"] = nameof(UrlVisitBatch),
            ["pubsubname"] = DaprComponents.PubSub,
            ["entries"] = new JsonArray(Entry("good", batch), Entry("bad", JsonValue.Create("not a visit batch"))),
        };

        using var response = await fixture.Service.Client.PostAsync("events/url-visits", new StringContent(delivery.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statuses = (await response.ReadJsonAsync()).GetProperty("statuses").EnumerateArray()
            .ToDictionary(status => status.GetProperty("entryId").GetString()!, status => status.GetProperty("status").GetString());
        Assert.Equal("SUCCESS", statuses["good"]);
        Assert.Equal("DROP", statuses["bad"]);
        // Acknowledged means stored.
        Assert.Equal(3, await VisitsAsync(owner, code));
    }

    private static JsonObject Entry(string id, JsonNode? data) => new()
    {
        ["entryId"] = id,
        ["event"] = new JsonObject { ["id"] = id, ["specversion"] = "1.0", ["datacontenttype"] = "application/json", ["data"] = data },
        ["contentType"] = "application/cloudevents+json",
    };

    private static UrlVisitBatch Batch(string code, int visits, int first) => new(UrlVisitBatch.NewId(), [.. Enumerable.Range(first, visits).Select(i =>
        new UrlVisited(code, DateTimeOffset.UtcNow, null, Firefox, "192.0.2.0", $"visitor-{i}", "NL"))]);

    private static async Task<long> VisitsAsync(HttpClient owner, string code) =>
        (await (await owner.GetAsync($"api/v1/analytics/{code}")).ReadJsonAsync()).GetProperty("visits").GetInt64();
}
