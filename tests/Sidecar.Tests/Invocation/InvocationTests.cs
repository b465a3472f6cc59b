using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AmazonScale.TestSupport.Sidecar;
using Dapr.Client;

// DaprClient.InvokeMethod* is marked obsolete in 1.19 in favour of CreateInvokeHttpClient, but services
// still call it and daprd still serves it, so the stand-in must keep supporting it.
#pragma warning disable CS0618

namespace AmazonScale.Sidecar.Tests.Invocation;

/// <summary>Service invocation between two apps, each behind its own sidecar, driven by the official DaprClient.</summary>
public sealed class InvocationTests : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = new();
    private readonly List<RecordedRequest> _received = [];
    private TestApp _orders = null!;
    private SidecarUnderTest _ordersSidecar = null!;
    private SidecarUnderTest _frontendSidecar = null!;

    private sealed record RecordedRequest(string Method, string Path, string Query, string Body, IReadOnlyDictionary<string, string> Headers);

    public async Task InitializeAsync()
    {
        _orders = await TestApp.StartAsync(app => app.Map("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            lock (_received)
            {
                _received.Add(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? "", body,
                    context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString())));
            }
            if (context.Request.Path == "/missing")
            {
                return Results.NotFound();
            }
            context.Response.Headers["x-order-app"] = "yes";
            return Results.Json(new { echoed = body, path = context.Request.Path.Value });
        }));
        _ordersSidecar = await SidecarUnderTest.StartAsync("orders", _resources, appPort: _orders.Port, appApiToken: "app-secret");
        _frontendSidecar = await SidecarUnderTest.StartAsync("frontend", _resources);
    }

    public async Task DisposeAsync()
    {
        await _frontendSidecar.DisposeAsync();
        await _ordersSidecar.DisposeAsync();
        await _orders.DisposeAsync();
        _resources.Dispose();
    }

    private RecordedRequest LastReceived()
    {
        lock (_received)
        {
            return _received[^1];
        }
    }

    [Fact]
    public async Task Dapr_client_invokes_another_app_with_verb_query_headers_and_body()
    {
        using var client = _frontendSidecar.CreateClient();
        var request = client.CreateInvokeMethodRequest(HttpMethod.Put, "orders", "api/orders/42",
            [new KeyValuePair<string, string>("expand", "lines")], new { quantity = 3 });
        request.Headers.Add("x-custom", "custom-value");

        using var response = await client.InvokeMethodWithResponseAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("x-order-app").Single());
        var received = LastReceived();
        Assert.Equal("PUT", received.Method);
        Assert.Equal("/api/orders/42", received.Path);
        Assert.Equal("?expand=lines", received.Query);
        Assert.Equal("{\"quantity\":3}", received.Body);
        Assert.Equal("custom-value", received.Headers["x-custom"]);
        Assert.Equal("frontend", received.Headers["dapr-caller-app-id"]);
        Assert.Equal("orders", received.Headers["dapr-callee-app-id"]);
        Assert.Equal("app-secret", received.Headers["dapr-api-token"]);
    }

    [Fact]
    public async Task Invoke_http_client_from_the_sdk_rewrites_app_host_urls()
    {
        using var http = Dapr.Client.DaprClient.CreateInvokeHttpClient("orders", $"http://127.0.0.1:{_frontendSidecar.HttpPort}");

        var result = await http.GetFromJsonAsync<EchoResponse>("/api/items?page=2");

        Assert.Equal("/api/items", result!.Path);
        Assert.Equal("?page=2", LastReceived().Query);
    }

    [Fact]
    public async Task Typed_invocation_round_trips_json()
    {
        using var client = _frontendSidecar.CreateClient();

        var result = await client.InvokeMethodAsync<object, EchoResponse>("orders", "echo", new { hello = "world" });

        Assert.Equal("/echo", result.Path);
        Assert.Equal("{\"hello\":\"world\"}", result.Echoed);
    }

    private sealed record EchoResponse(string Echoed, string Path);

    [Fact]
    public async Task Trace_context_flows_from_caller_through_both_sidecars_to_the_app()
    {
        using var client = _frontendSidecar.CreateClient();
        using var activity = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();

        await client.InvokeMethodAsync(HttpMethod.Get, "orders", "traced");

        var traceparent = LastReceived().Headers["traceparent"];
        Assert.Equal(activity.TraceId.ToHexString(), traceparent.Split('-')[1]);
        // The sidecars add their own spans, so the app's parent is not the caller's span.
        Assert.NotEqual(activity.SpanId.ToHexString(), traceparent.Split('-')[2]);
    }

    [Fact]
    public async Task App_status_and_body_pass_through_unchanged()
    {
        using var client = _frontendSidecar.CreateClient();

        var ex = await Assert.ThrowsAsync<InvocationException>(() => client.InvokeMethodAsync(HttpMethod.Get, "orders", "missing"));

        Assert.Equal(HttpStatusCode.NotFound, ex.Response!.StatusCode);
    }

    [Fact]
    public async Task Unknown_app_id_gives_err_direct_invoke()
    {
        using var response = await _frontendSidecar.Http.PostAsync("v1.0/invoke/nobody/method/anything", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        Assert.Equal("ERR_DIRECT_INVOKE", error!["errorCode"]);
        Assert.Contains("nobody", error["message"]);
    }

    [Fact]
    public async Task Dapr_app_id_header_routes_any_path()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/ping?x=1") { Content = new StringContent("hi") };
        request.Headers.Add("dapr-app-id", "orders");

        using var response = await _frontendSidecar.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/api/ping", LastReceived().Path);
        Assert.Equal("?x=1", LastReceived().Query);
        Assert.False(LastReceived().Headers.ContainsKey("dapr-app-id"));
    }

    [Fact]
    public async Task Invocation_of_own_app_id_goes_straight_to_the_app()
    {
        using var client = _ordersSidecar.CreateClient();

        var result = await client.InvokeMethodAsync<EchoResponse>(HttpMethod.Get, "orders", "self");

        Assert.Equal("/self", result.Path);
        Assert.Equal("orders", LastReceived().Headers["dapr-caller-app-id"]);
    }

[Fact]
    public async Task Grpc_invoke_service_reaches_an_http_app_with_verb_and_query()
    {
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress($"http://127.0.0.1:{_frontendSidecar.GrpcPort}");
        var grpc = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(channel);
        var request = new Dapr.Client.Autogen.Grpc.v1.InvokeServiceRequest
        {
            Id = "orders",
            Message = new Dapr.Client.Autogen.Grpc.v1.InvokeRequest
            {
                Method = "grpc-path",
                ContentType = "text/plain",
                Data = new Google.Protobuf.WellKnownTypes.Any { Value = Google.Protobuf.ByteString.CopyFromUtf8("payload") },
                HttpExtension = new Dapr.Client.Autogen.Grpc.v1.HTTPExtension
                {
                    Verb = Dapr.Client.Autogen.Grpc.v1.HTTPExtension.Types.Verb.Patch,
                    Querystring = "a=b",
                },
            },
        };

        var response = await grpc.InvokeServiceAsync(request);

        Assert.Contains("payload", response.Data.Value.ToStringUtf8());
        Assert.StartsWith("application/json", response.ContentType);
        Assert.Equal("PATCH", LastReceived().Method);
        Assert.Equal("?a=b", LastReceived().Query);
        Assert.Equal("payload", LastReceived().Body);
    }
}
