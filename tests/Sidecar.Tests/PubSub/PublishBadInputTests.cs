using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AmazonScale.TestSupport.Sidecar;
using Dapr;
using Grpc.Core;

namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>Bad publish requests get daprd's error codes, and none of them publishes anything.</summary>
public sealed class PublishBadInputTests : IAsyncLifetime
{
    private PubSubWorld _world = null!;
    private SidecarUnderTest _publisher = null!;

    public async Task InitializeAsync()
    {
        _world = PubSubWorld.Create(new InMemoryBackend());
        await _world.StartSubscriberAsync();
        _publisher = await _world.StartPublisherAsync();
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData("v1.0/publish/nope/orders", "application/json", "{}", 404, "ERR_PUBSUB_NOT_FOUND")]
    [InlineData("v1.0/publish/pubsub/orders", "application/cloudevents+json", "{not json", 400, "ERR_PUBSUB_CLOUD_EVENTS_SER")]
    [InlineData("v1.0/publish/pubsub/orders", "application/cloudevents+json", "[1,2]", 400, "ERR_PUBSUB_CLOUD_EVENTS_SER")]
    [InlineData("v1.0/publish/pubsub/orders?metadata.ttlInSeconds=soon", "application/json", "{}", 400, "ERR_PUBSUB_REQUEST_METADATA")]
    [InlineData("v1.0/publish/pubsub/", "application/json", "{}", 404, "ERR_TOPIC_NAME_EMPTY")]
    [InlineData("v1.0/publish/bulk/pubsub/orders", "application/json", "{\"not\":\"an array\"}", 400, "ERR_PUBSUB_EVENTS_SER")]
    [InlineData("v1.0-alpha1/publish/bulk/pubsub/orders", "application/json", "[{\"entryId\":\"1\",\"event\":1},{\"entryId\":\"1\",\"event\":2}]", 400, "ERR_PUBSUB_EVENTS_SER")]
    public async Task Http_publish_rejects_bad_input_with_daprs_error_and_publishes_nothing(string path, string contentType, string body, int status, string errorCode)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        using var response = await _publisher.Http.PostAsync(path, content);

        Assert.Equal(status, (int)response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(errorCode, (string?)error["errorCode"]);
        await AssertNothingWasPublishedAsync();
    }

    [Fact]
    public async Task Grpc_publish_to_an_unknown_pubsub_is_invalid_argument()
    {
        using var client = _publisher.CreateClient();

        var error = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync("nope", "orders", new { orderId = 1 }));

        var rpc = Assert.IsType<RpcException>(error.InnerException);
        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Contains("pubsub nope is not found", rpc.Status.Detail);
        await AssertNothingWasPublishedAsync();
    }

    [Fact]
    public async Task Publishing_without_any_pubsub_component_is_failed_precondition()
    {
        using var empty = new ResourcesFolder();
        await using var sidecar = await SidecarUnderTest.StartAsync("lonely", empty);
        using var client = sidecar.CreateClient();

        var error = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync("pubsub", "orders", new { orderId = 1 }));

        Assert.Equal(StatusCode.FailedPrecondition, Assert.IsType<RpcException>(error.InnerException).StatusCode);
    }

    /// <summary>Publishes a sentinel after the bad request: once it arrives, nothing else may have reached the subscriber.</summary>
    private async Task AssertNothingWasPublishedAsync()
    {
        using var content = new StringContent("{\"sentinel\":true}", Encoding.UTF8, "application/json");
        using var response = await _publisher.Http.PostAsync("v1.0/publish/pubsub/orders", content);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var received = Assert.Single(await _world.Recorder.WaitForAsync("orders"));
        Assert.Equal("{\"sentinel\":true}", received.Body);
    }
}
