using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AmazonScale.Dashboard.Telemetry;
using AmazonScale.Dashboard.Tests.Support;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Dashboard.Tests;

/// <summary>The OTLP/HTTP JSON encoding (hex ids, integer enums, 64-bit integers as strings) and the receiver's status codes.</summary>
public sealed class OtlpHttpJsonTests : IAsyncLifetime
{
    private const string TraceId = "5B8EFFF798038103D269B633813FC60C";
    private TestDashboard _dashboard = null!;

    public async Task InitializeAsync() => _dashboard = await TestDashboard.StartAsync();

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    [Fact]
    public async Task Json_traces_are_decoded_and_answered_with_an_empty_json_response()
    {
        var response = await PostJson("/v1/traces", """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"catalog"}},
              {"key":"service.instance.id","value":{"stringValue":"catalog-7"}}]},
             "scopeSpans":[{"scope":{"name":"catalog.tracer","version":"1"},"spans":[
              {"traceId":"TRACE_ID","spanId":"EEE19B7EC3C1B174","parentSpanId":"","name":"GET /items","kind":2,
               "startTimeUnixNano":"1544712660000000000","endTimeUnixNano":1544712661000000000,
               "attributes":[{"key":"http.status","value":{"intValue":"200"}},{"key":"cached","value":{"boolValue":true}},
                 {"key":"ratio","value":{"doubleValue":0.5}},{"key":"tags","value":{"arrayValue":{"values":[{"stringValue":"a"},{"intValue":2}]}}},
                 {"key":"owner","value":{"kvlistValue":{"values":[{"key":"team","value":{"stringValue":"core"}}]}}}],
               "status":{"code":1},"links":[{"traceId":"TRACE_ID","spanId":"0102030405060708"}],
               "unknownFutureField":{"x":1}},
              {"traceId":"TRACE_ID","spanId":"1111111111111111","parentSpanId":"EEE19B7EC3C1B174","name":"db query","kind":3,
               "startTimeUnixNano":"1544712660100000000","endTimeUnixNano":"1544712660600000000","status":{"code":2,"message":"timeout"}}]}]}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());

        var spans = _dashboard.Telemetry.Traces.Get(TraceId)!;
        Assert.Equal(2, spans.Count);
        var root = spans[0];
        Assert.Equal(TraceId.ToLowerInvariant(), root.TraceId);
        Assert.Null(root.ParentSpanId);
        Assert.Equal(("catalog", "catalog-7", "catalog.tracer"), (root.Service, root.InstanceId, root.Scope));
        Assert.Equal(SpanKind.Server, root.Kind);
        Assert.Equal(SpanStatusCode.Ok, root.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), root.Duration);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1544712660000), root.StartTime);
        Assert.Equal("200", root.Attributes["http.status"]);
        Assert.Equal("true", root.Attributes["cached"]);
        Assert.Equal("0.5", root.Attributes["ratio"]);
        Assert.Equal("""["a",2]""", root.Attributes["tags"]);
        Assert.Equal("""{"team":"core"}""", root.Attributes["owner"]);
        Assert.Equal("0102030405060708", Assert.Single(root.Links).SpanId);
        var child = spans[1];
        Assert.Equal("eee19b7ec3c1b174", child.ParentSpanId);
        Assert.Equal((SpanKind.Client, SpanStatusCode.Error, "timeout"), (child.Kind, child.Status, child.StatusMessage));
    }

    [Fact]
    public async Task Json_logs_map_severity_body_and_ids()
    {
        var response = await PostJson("/v1/logs", """
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"catalog"}}]},
             "scopeLogs":[{"scope":{"name":"Catalog.Api"},"logRecords":[
              {"timeUnixNano":"1544712660300000000","severityNumber":17,"severityText":"Error","body":{"stringValue":"Item 9 not found"},
               "attributes":[{"key":"item","value":{"intValue":9}}],"traceId":"TRACE_ID","spanId":"EEE19B7EC3C1B174"},
              {"observedTimeUnixNano":"1544712660400000000","severityText":"WARN","body":{"kvlistValue":{"values":[{"key":"k","value":{"stringValue":"v"}}]}}}]}]}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = _dashboard.Telemetry.Logs.Query(new LogQuery(Service: "catalog"));
        Assert.Equal(2, entries.Count);
        Assert.Equal((LogLevel.Error, "Item 9 not found", "Catalog.Api"), (entries[0].Level, entries[0].Message, entries[0].Scope));
        Assert.Equal((TraceId.ToLowerInvariant(), "eee19b7ec3c1b174"), (entries[0].TraceId, entries[0].SpanId));
        Assert.Equal("9", entries[0].Attributes["item"]);
        Assert.Equal((LogLevel.Warning, """{"k":"v"}"""), (entries[1].Level, entries[1].Message));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1544712660400), entries[1].Timestamp);
        Assert.Equal([1L, 2L], entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Json_metrics_cover_sum_gauge_histogram_exponential_histogram_and_summary()
    {
        var response = await PostJson("/v1/metrics", """
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"catalog"}}]},
             "scopeMetrics":[{"scope":{"name":"Catalog.Meter"},"metrics":[
              {"name":"requests","unit":"1","sum":{"aggregationTemporality":2,"isMonotonic":true,
                "dataPoints":[{"asInt":"42","timeUnixNano":"1544712660300000000","attributes":[{"key":"route","value":{"stringValue":"/items"}}]}]}},
              {"name":"temperature","gauge":{"dataPoints":[{"asDouble":21.5,"timeUnixNano":"1544712660300000000"}]}},
              {"name":"latency","unit":"ms","histogram":{"aggregationTemporality":1,"dataPoints":[{"timeUnixNano":"1544712660300000000",
                "count":"4","sum":100,"min":1,"max":60,"bucketCounts":["1","2","1"],"explicitBounds":[10,50]}]}},
              {"name":"size","exponentialHistogram":{"aggregationTemporality":2,"dataPoints":[{"timeUnixNano":"1544712660300000000",
                "count":"3","sum":7,"scale":0,"zeroCount":"1","positive":{"offset":1,"bucketCounts":["1","1"]}}]}},
              {"name":"gc.pause","summary":{"dataPoints":[{"timeUnixNano":"1544712660300000000","count":"10","sum":55,
                "quantileValues":[{"quantile":0.5,"value":4},{"quantile":0.99,"value":9}]}]}},
              {"name":"no.data"}]}]}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instruments = _dashboard.Telemetry.Metrics.Instruments("catalog")!;
        Assert.Equal(
            [("gc.pause", InstrumentKind.Summary), ("latency", InstrumentKind.Histogram), ("requests", InstrumentKind.Sum), ("size", InstrumentKind.ExponentialHistogram), ("temperature", InstrumentKind.Gauge)],
            instruments.Select(i => (i.Name, i.Kind)));

        var requests = Point("requests");
        Assert.Equal((42d, "/items"), (requests.Value, requests.Attributes["route"]));
        Assert.Equal(21.5, Point("temperature").Value);
        var latency = Point("latency");
        Assert.Equal([new HistogramBucket(10, 1), new HistogramBucket(50, 2), new HistogramBucket(null, 1)], latency.Buckets!);
        Assert.Equal((4UL, 100d), (latency.Count!.Value, latency.Sum!.Value));
        // scale 0: base 2, bucket i covers (2^i, 2^(i+1)]; offset 1 → (2,4] and (4,8]; the zero bucket comes first.
        Assert.Equal([new HistogramBucket(0, 1), new HistogramBucket(4, 1), new HistogramBucket(8, 1)], Point("size").Buckets!);
        Assert.Equal([new QuantileValue(0.5, 4), new QuantileValue(0.99, 9)], Point("gc.pause").Quantiles!);
    }

    [Theory]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\",\"spanId\":\"EEE19B7EC3C1B174\",\"startTimeUnixNano\":\"1\"}]}]}]}")]
    [InlineData("{\"resourceSpans\":5}")]
    [InlineData("[1,2]")]
    [InlineData("{not json")]
    public async Task Malformed_json_gets_400_with_a_json_status(string body)
    {
        var response = await PostJson("/v1/traces", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, status.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(status.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Malformed_protobuf_gets_400_with_a_protobuf_status()
    {
        // Field 1 (resource_spans) claims 50 bytes but the body ends after 2.
        using var content = new ByteArrayContent([0x0A, 0x32, 0x0A, 0x00]);
        content.Headers.ContentType = new("application/x-protobuf");
        var response = await _dashboard.Otlp.PostAsync("/v1/traces", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        var status = new CodedInputStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(WireFormat.MakeTag(1, WireFormat.WireType.Varint), status.ReadTag());
        Assert.Equal(3, status.ReadInt32());
        Assert.Equal(WireFormat.MakeTag(2, WireFormat.WireType.LengthDelimited), status.ReadTag());
        Assert.StartsWith("Malformed ExportTraceServiceRequest", status.ReadString());
    }

    [Fact]
    public async Task Empty_protobuf_request_succeeds_with_an_empty_protobuf_response()
    {
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = new("application/x-protobuf");
        var response = await _dashboard.Otlp.PostAsync("/v1/metrics", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Bodies_over_16_MiB_get_413()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/logs") { Content = new ByteArrayContent(new byte[(16 * 1024 * 1024) + 1]) };
        request.Content.Headers.ContentType = new("application/x-protobuf");

        // With Expect: 100-continue the client waits for the verdict instead of streaming 16 MiB into a closed connection.
        request.Headers.ExpectContinue = true;
        var response = await _dashboard.Otlp.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Gzip_bodies_are_decompressed_and_bombs_beyond_16_MiB_get_413()
    {
        var ok = await PostGzip(Encoding.UTF8.GetBytes("""{"resourceLogs":[]}"""));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var bomb = await PostGzip(new byte[17 * 1024 * 1024]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bomb.StatusCode);
    }

    [Fact]
    public async Task Other_content_types_get_415()
    {
        var response = await _dashboard.Otlp.PostAsync("/v1/traces", new StringContent("{}", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private MetricPoint Point(string instrument) =>
        _dashboard.Telemetry.Metrics.Instrument("catalog", "Catalog.Meter", instrument)!.Value.Points.Single();

    private Task<HttpResponseMessage> PostJson(string path, string json) =>
        _dashboard.Otlp.PostAsync(path, new StringContent(json.Replace("TRACE_ID", TraceId, StringComparison.Ordinal), Encoding.UTF8, "application/json"));

    private async Task<HttpResponseMessage> PostGzip(byte[] payload)
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(payload);
        }

        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return await _dashboard.Otlp.PostAsync("/v1/logs", content);
    }
}
