using System.Diagnostics;
using System.Net;
using AmazonScale.Dashboard.Tests.Support;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace AmazonScale.Dashboard.Tests;

/// <summary>OTLP/gRPC (the SDK's default protocol) into the same store; errors as gRPC status trailers.</summary>
public sealed class OtlpGrpcTests : IAsyncLifetime
{
    private const string TraceExport = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    private TestDashboard _dashboard = null!;

    public async Task InitializeAsync() => _dashboard = await TestDashboard.StartAsync(otlpApiKey: "grpc-key");

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    [Fact]
    public void Spans_exported_over_grpc_arrive_in_the_store()
    {
        using var source = new ActivitySource($"Tests.Grpc.{Guid.NewGuid():N}");
        string traceId;
        using (var provider = OtlpTestExporter.Tracer(
            "grpc-client", source.Name, _dashboard.Dashboard.OtlpGrpcUrl, OtlpExportProtocol.Grpc, headers: "x-otlp-api-key=grpc-key"))
        {
            using (var activity = source.StartActivity("over grpc", ActivityKind.Producer)!)
            {
                activity.SetTag("transport", "grpc");
                traceId = activity.TraceId.ToHexString();
            }

            Assert.True(provider.ForceFlush(5000));
        }

        var span = Assert.Single(_dashboard.Telemetry.Traces.Get(traceId)!);
        Assert.Equal(("grpc-client", "over grpc", "grpc"), (span.Service, span.Name, span.Attributes["transport"]));
    }

    [Fact]
    public async Task Malformed_message_gets_invalid_argument()
    {
        // gRPC frame: uncompressed, length 2, then field 1 as a varint where a message is expected.
        var status = await CallAsync([0, 0, 0, 0, 2, 0x08, 0x01], apiKey: "grpc-key");

        Assert.Equal("3", status);
    }

    [Fact]
    public async Task Missing_api_key_gets_unauthenticated()
    {
        var status = await CallAsync([0, 0, 0, 0, 0], apiKey: null);

        Assert.Equal("16", status);
    }

    [Fact]
    public async Task Empty_request_succeeds()
    {
        var status = await CallAsync([0, 0, 0, 0, 0], apiKey: "grpc-key");

        Assert.Equal("0", status);
    }

    private async Task<string?> CallAsync(byte[] frame, string? apiKey)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_dashboard.Dashboard.OtlpGrpcUrl, TraceExport))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (apiKey is not null)
        {
            request.Headers.Add("x-otlp-api-key", apiKey);
        }

        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? values.Single()
            : response.Headers.TryGetValues("grpc-status", out var headerValues) ? headerValues.Single() : null;
    }
}
