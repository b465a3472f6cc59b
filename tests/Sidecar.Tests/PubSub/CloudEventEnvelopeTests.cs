using System.Text;
using System.Text.Json.Nodes;
using AmazonScale.Sidecar.PubSub.CloudEvents;

namespace AmazonScale.Sidecar.Tests.PubSub;

public sealed class CloudEventEnvelopeTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly TraceContext Trace = new("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "k=v");

    private static EnvelopeSource Source(Dictionary<string, string>? metadata = null) =>
        new("checkout", "pubsub", "orders", Trace, Now, metadata ?? []);

    [Fact]
    public void Wraps_json_keeping_numbers_exact()
    {
        var envelope = CloudEventEnvelope.Wrap(Source(), Encoding.UTF8.GetBytes("{\"amount\":12345678901234567890.10}"), "application/json");

        Assert.Equal("{\"amount\":12345678901234567890.10}", envelope["data"]!.ToJsonString());
        Assert.Equal("checkout", (string?)envelope["source"]);
        Assert.Equal("com.dapr.event.sent", (string?)envelope["type"]);
        Assert.Equal("1.0", (string?)envelope["specversion"]);
        Assert.Equal("orders", (string?)envelope["topic"]);
        Assert.Equal("pubsub", (string?)envelope["pubsubname"]);
        Assert.Equal(Trace.TraceParent, (string?)envelope["traceparent"]);
        Assert.Equal(Trace.TraceParent, (string?)envelope["traceid"]);
        Assert.Equal("k=v", (string?)envelope["tracestate"]);
        Assert.Equal("2026-01-02T03:04:05Z", (string?)envelope["time"]);
        Assert.True(Guid.TryParse((string?)envelope["id"], out _));
    }

    [Theory]
    [InlineData("text/plain", "data", "\"héllo\"")]
    [InlineData("", "data", "\"héllo\"")]
    [InlineData("application/xml", "data", "\"héllo\"")]
    [InlineData("application/json", "data", "\"héllo\"")]
    [InlineData("application/octet-stream", "data_base64", "\"aMOpbGxv\"")]
    public void Puts_data_where_daprd_does(string contentType, string field, string json)
    {
        var envelope = CloudEventEnvelope.Wrap(Source(), Encoding.UTF8.GetBytes("héllo"), contentType);

        Assert.Equal(json, envelope[field]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(contentType.Length == 0 ? "text/plain" : contentType, (string?)envelope["datacontenttype"]);
    }

    [Fact]
    public void Keeps_a_user_cloud_event_but_sets_topic_pubsub_and_missing_attributes()
    {
        var envelope = CloudEventEnvelope.Merge(Source(), Encoding.UTF8.GetBytes(
            """{"id":"mine","source":"me","type":"custom","specversion":"1.0","topic":"spoofed","traceparent":"00-11111111111111111111111111111111-2222222222222222-01","data":1}"""));

        Assert.Equal("mine", (string?)envelope["id"]);
        Assert.Equal("me", (string?)envelope["source"]);
        Assert.Equal("custom", (string?)envelope["type"]);
        Assert.Equal("orders", (string?)envelope["topic"]);
        Assert.Equal("pubsub", (string?)envelope["pubsubname"]);
        Assert.Equal("00-11111111111111111111111111111111-2222222222222222-01", (string?)envelope["traceparent"]);
        Assert.NotNull(envelope["time"]);
    }

    [Fact]
    public void Null_attributes_of_a_user_cloud_event_count_as_unset()
    {
        var envelope = CloudEventEnvelope.Merge(Source(), Encoding.UTF8.GetBytes("""{"id":null,"traceparent":null,"traceid":null,"data":1}"""));

        Assert.True(Guid.TryParse((string?)envelope["id"], out _));
        Assert.Equal(Trace.TraceParent, (string?)envelope["traceparent"]);
        Assert.Equal(Trace.TraceParent, (string?)envelope["traceid"]);
    }

    [Fact]
    public void Metadata_overrides_attributes_and_ttl_adds_expiration()
    {
        var envelope = CloudEventEnvelope.Wrap(Source(new() { ["cloudevent.id"] = "fixed", ["cloudevent.type"] = "t", ["cloudevent.subject"] = "s", ["ttlInSeconds"] = "60" }), [], "application/json");

        Assert.Equal("fixed", (string?)envelope["id"]);
        Assert.Equal("t", (string?)envelope["type"]);
        Assert.Equal("s", (string?)envelope["subject"]);
        Assert.Null(envelope["data"]);
        Assert.Equal(Now.AddSeconds(60), CloudEventEnvelope.ExpirationOf(envelope));
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("{broken")]
    public void Rejects_a_malformed_user_cloud_event(string body) =>
        Assert.Throws<FormatException>(() => CloudEventEnvelope.Merge(Source(), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void A_raw_payload_is_wrapped_on_receipt_as_base64()
    {
        var envelope = CloudEventEnvelope.ForRawPayload("pubsub", "raw", [1, 2, 3], new Dictionary<string, string> { ["traceparent"] = Trace.TraceParent });

        Assert.Equal("AQID", (string?)envelope["data_base64"]);
        Assert.Equal("application/octet-stream", (string?)envelope["datacontenttype"]);
        Assert.Equal(Trace.TraceParent, (string?)envelope["traceparent"]);
        Assert.IsType<JsonObject>(envelope);
    }
}
