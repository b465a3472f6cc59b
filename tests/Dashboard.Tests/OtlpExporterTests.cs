using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.Dashboard.Tests.Support;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AmazonScale.Dashboard.Tests;

/// <summary>Real telemetry from the OpenTelemetry .NET SDK's OTLP exporter (http/protobuf) into the receiver, read back through the JSON API.</summary>
public sealed class OtlpExporterTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private TestDashboard _dashboard = null!;

    public async Task InitializeAsync() => _dashboard = await TestDashboard.StartAsync();

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    [Fact]
    public async Task Spans_from_two_services_arrive_as_one_trace_with_parent_links_kinds_status_and_attributes()
    {
        using var appSource = new ActivitySource($"Tests.App.{Guid.NewGuid():N}");
        using var sidecarSource = new ActivitySource($"Tests.Sidecar.{Guid.NewGuid():N}");
        string traceId, rootId, callId, sidecarId;
        using (var app = TracerFor("orders", appSource.Name))
        using (var sidecar = TracerFor("orders-dapr", sidecarSource.Name))
        {
            using (var root = appSource.StartActivity("POST /orders", ActivityKind.Server)!)
            {
                root.SetTag("http.request.method", "POST");
                root.SetTag("order.count", 3);
                using (var call = appSource.StartActivity("POST dapr/v1.0/state", ActivityKind.Client)!)
                {
                    using var hop = sidecarSource.StartActivity("SaveState", ActivityKind.Server, call.Context)!;
                    hop.AddEvent(new ActivityEvent("state.saved", tags: new ActivityTagsCollection { ["keys"] = 2 }));
                    hop.SetStatus(ActivityStatusCode.Error, "etag mismatch");
                    sidecarId = hop.SpanId.ToHexString();
                    callId = call.SpanId.ToHexString();
                }

                traceId = root.TraceId.ToHexString();
                rootId = root.SpanId.ToHexString();
            }

            Assert.True(app.ForceFlush(5000));
            Assert.True(sidecar.ForceFlush(5000));
        }

        var trace = await _dashboard.Api.GetFromJsonAsync<JsonElement>($"/api/traces/{traceId}", Json);
        var spans = trace.GetProperty("spans").EnumerateArray().ToDictionary(s => s.GetProperty("spanId").GetString()!);
        Assert.Equal(3, spans.Count);
        Assert.Equal(JsonValueKind.Null, spans[rootId].GetProperty("parentSpanId").ValueKind);
        Assert.Equal(rootId, spans[callId].GetProperty("parentSpanId").GetString());
        Assert.Equal(callId, spans[sidecarId].GetProperty("parentSpanId").GetString());
        Assert.Equal("orders", spans[rootId].GetProperty("service").GetString());
        Assert.Equal("orders-dapr", spans[sidecarId].GetProperty("service").GetString());
        Assert.Equal("POST /orders", spans[rootId].GetProperty("name").GetString());
        Assert.Equal("Server", spans[rootId].GetProperty("kind").GetString());
        Assert.Equal("Client", spans[callId].GetProperty("kind").GetString());
        Assert.Equal("3", spans[rootId].GetProperty("attributes").GetProperty("order.count").GetString());
        Assert.Equal("POST", spans[rootId].GetProperty("attributes").GetProperty("http.request.method").GetString());
        Assert.Equal("Error", spans[sidecarId].GetProperty("status").GetString());
        Assert.Equal("etag mismatch", spans[sidecarId].GetProperty("statusMessage").GetString());
        var stateEvent = Assert.Single(spans[sidecarId].GetProperty("events").EnumerateArray());
        Assert.Equal("state.saved", stateEvent.GetProperty("name").GetString());
        Assert.Equal("2", stateEvent.GetProperty("attributes").GetProperty("keys").GetString());
        Assert.True(spans[rootId].GetProperty("durationMs").GetDouble() >= spans[callId].GetProperty("durationMs").GetDouble());

        var list = await _dashboard.Api.GetFromJsonAsync<JsonElement>("/api/traces?service=orders-dapr&limit=10", Json);
        var summary = Assert.Single(list.EnumerateArray());
        Assert.Equal(traceId, summary.GetProperty("traceId").GetString());
        Assert.Equal("POST /orders", summary.GetProperty("name").GetString());
        Assert.Equal(["orders", "orders-dapr"], summary.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.True(summary.GetProperty("hasError").GetBoolean());
    }

    [Fact]
    public async Task Counter_histogram_and_gauge_arrive_per_resource_meter_and_instrument()
    {
        var meterName = $"Tests.Orders.{Guid.NewGuid():N}";
        using var meter = new Meter(meterName, "1.0");
        var placed = meter.CreateCounter<long>("orders.placed", "{order}", "Orders placed");
        var latency = meter.CreateHistogram<double>("orders.latency", "ms");
        meter.CreateObservableGauge("orders.queue.depth", () => 7.5);
        using (var provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.AddService("orders", serviceInstanceId: "orders-1"))
            .AddMeter(meterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, "/v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000;
            })
            .Build())
        {
            placed.Add(2, new KeyValuePair<string, object?>("region", "eu"));
            placed.Add(3, new KeyValuePair<string, object?>("region", "eu"));
            foreach (var value in new[] { 3.0, 8.0, 12.0, 40.0, 90.0 })
            {
                latency.Record(value);
            }

            Assert.True(provider.ForceFlush(5000));
        }

        var meters = await _dashboard.Api.GetFromJsonAsync<JsonElement>("/api/metrics/orders", Json);
        var instruments = Assert.Single(meters.EnumerateArray(), m => m.GetProperty("name").GetString() == meterName).GetProperty("instruments");
        Assert.Equal(["orders.latency", "orders.placed", "orders.queue.depth"], instruments.EnumerateArray().Select(i => i.GetProperty("name").GetString()));

        var counter = await Instrument(meterName, "orders.placed");
        Assert.Equal("Sum", counter.GetProperty("instrument").GetProperty("kind").GetString());
        Assert.True(counter.GetProperty("instrument").GetProperty("isMonotonic").GetBoolean());
        Assert.Equal("{order}", counter.GetProperty("instrument").GetProperty("unit").GetString());
        var counterPoint = counter.GetProperty("points").EnumerateArray().Last();
        Assert.Equal(5, counterPoint.GetProperty("value").GetDouble());
        Assert.Equal("eu", counterPoint.GetProperty("attributes").GetProperty("region").GetString());
        Assert.Equal("orders-1", counterPoint.GetProperty("instanceId").GetString());

        // The first export holds all five values; a later one (disposal flushes again) has an empty interval and no percentiles.
        var histogram = (await Instrument(meterName, "orders.latency")).GetProperty("points").EnumerateArray().First();
        Assert.Equal(5UL, histogram.GetProperty("count").GetUInt64());
        Assert.Equal(153, histogram.GetProperty("sum").GetDouble());
        Assert.Equal(3, histogram.GetProperty("min").GetDouble());
        Assert.Equal(90, histogram.GetProperty("max").GetDouble());
        Assert.Equal(5UL, histogram.GetProperty("buckets").EnumerateArray().Aggregate(0UL, (sum, b) => sum + b.GetProperty("count").GetUInt64()));
        Assert.InRange(histogram.GetProperty("p50").GetDouble(), 10, 25);

        var gauge = await Instrument(meterName, "orders.queue.depth");
        Assert.Equal("Gauge", gauge.GetProperty("instrument").GetProperty("kind").GetString());
        Assert.Equal(7.5, gauge.GetProperty("points").EnumerateArray().Last().GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Log_records_arrive_with_level_message_category_attributes_and_trace_context()
    {
        using var activity = new Activity("checkout").Start();
        using (var loggerFactory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("orders"));
            o.IncludeFormattedMessage = true;
            o.AddOtlpExporter(exporter => Configure(exporter, "/v1/logs"));
        })))
        {
            var logger = loggerFactory.CreateLogger("Orders.Checkout");
            logger.LogInformation("Checkout started");
            logger.LogWarning("Order {OrderId} is late", 42);
        }

        activity.Stop();
        var page = await _dashboard.Api.GetFromJsonAsync<JsonElement>("/api/logs?resource=orders&level=Warning", Json);
        var entry = Assert.Single(page.GetProperty("entries").EnumerateArray());
        Assert.Equal("Order 42 is late", entry.GetProperty("message").GetString());
        Assert.Equal("Warning", entry.GetProperty("level").GetString());
        Assert.Equal("Orders.Checkout", entry.GetProperty("scope").GetString());
        Assert.Equal("42", entry.GetProperty("attributes").GetProperty("OrderId").GetString());
        Assert.Equal(activity.TraceId.ToHexString(), entry.GetProperty("traceId").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), entry.GetProperty("spanId").GetString());

        var all = await _dashboard.Api.GetFromJsonAsync<JsonElement>($"/api/logs?traceId={activity.TraceId.ToHexString()}", Json);
        Assert.Equal(2, all.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task Exporter_with_the_configured_api_key_is_accepted_and_one_without_it_is_rejected()
    {
        await using var secured = await TestDashboard.StartAsync(otlpApiKey: "otlp-key-123");
        using var source = new ActivitySource($"Tests.Keyed.{Guid.NewGuid():N}");
        string traceId;
        using (var provider = OtlpTestExporter.Tracer(
            "keyed", source.Name, new Uri(secured.Dashboard.OtlpHttpUrl, "/v1/traces"), OtlpExportProtocol.HttpProtobuf, headers: "x-otlp-api-key=otlp-key-123"))
        {
            using (var activity = source.StartActivity("keyed work")!)
            {
                traceId = activity.TraceId.ToHexString();
            }

            Assert.True(provider.ForceFlush(5000));
        }

        Assert.NotNull(secured.Telemetry.Traces.Get(traceId));
        using var unkeyed = new ByteArrayContent([]);
        unkeyed.Headers.ContentType = new("application/x-protobuf");
        var response = await secured.Otlp.PostAsync("/v1/traces", unkeyed);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private TracerProvider TracerFor(string service, string sourceName) =>
        OtlpTestExporter.Tracer(service, sourceName, new Uri(_dashboard.Dashboard.OtlpHttpUrl, "/v1/traces"), OtlpExportProtocol.HttpProtobuf);

    // Signal-specific options need the full URL: the SDK appends /v1/<signal> only to the environment variable form.
    private void Configure(OtlpExporterOptions options, string path) =>
        OtlpTestExporter.Configure(options, new Uri(_dashboard.Dashboard.OtlpHttpUrl, path));

    private Task<JsonElement> Instrument(string meter, string name) =>
        _dashboard.Api.GetFromJsonAsync<JsonElement>($"/api/metrics/orders/{meter}/{name}", Json);
}
