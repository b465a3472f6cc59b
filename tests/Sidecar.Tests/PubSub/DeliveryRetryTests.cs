using System.Text;
using AmazonScale.Sidecar.Hosting;
using AmazonScale.Sidecar.PubSub;
using AmazonScale.Sidecar.PubSub.Delivery;
using AmazonScale.Sidecar.PubSub.Subscriptions;
using AmazonScale.TestSupport.Sidecar;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmazonScale.Sidecar.Tests.PubSub;

/// <summary>What happens when the app keeps failing: retries run out, then dead-letter topic or redelivery by the component.</summary>
public sealed class DeliveryRetryTests : IAsyncLifetime
{
    private static readonly DeliveryRetryPolicy FastPolicy = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), 3);
    private readonly RecordingPubSub _pubsub = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    private TestApp _app = null!;
    private int _attempts;

    private sealed class RecordingPubSub : IPubSub
    {
        public List<PubSubMessage> Published { get; } = [];

        public Task PublishAsync(PubSubMessage message, CancellationToken cancellationToken)
        {
            Published.Add(message);
            return Task.CompletedTask;
        }

        public Task SubscribeAsync(string topic, IReadOnlyDictionary<string, string> metadata, PubSubHandler handler, CancellationToken stoppingToken) =>
            throw new NotSupportedException("delivery tests never subscribe");
    }

    public async Task InitializeAsync() =>
        _app = await TestApp.StartAsync(app => app.MapPost("/orders", () =>
        {
            Interlocked.Increment(ref _attempts);
            return Results.StatusCode(503);
        }));

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Exhausted_retries_send_the_original_message_to_the_dead_letter_topic()
    {
        var message = Message();

        await Deliverer().DeliverAsync(Subscription(deadLetterTopic: "poison"), _pubsub, message, CancellationToken.None);

        Assert.Equal(3, _attempts);
        var dead = Assert.Single(_pubsub.Published);
        Assert.Equal("poison", dead.Topic);
        Assert.Equal(message.Data.ToArray(), dead.Data.ToArray());
    }

    [Fact]
    public async Task Without_a_dead_letter_topic_the_message_goes_back_to_the_component()
    {
        await Assert.ThrowsAsync<PubSubDeliveryException>(() =>
            Deliverer().DeliverAsync(Subscription(deadLetterTopic: null), _pubsub, Message(), CancellationToken.None));

        Assert.Equal(3, _attempts);
        Assert.Empty(_pubsub.Published);
    }

    private SubscriptionDeliverer Deliverer()
    {
        var options = SidecarOptions.Parse(["--app-id", "orders", "--app-port", _app.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], _ => null);
        return new SubscriptionDeliverer(new AppChannel.AppChannel(options, _services.GetRequiredService<IHttpClientFactory>()), FastPolicy, TimeProvider.System, NullLogger<SubscriptionDeliverer>.Instance);
    }

    private static Subscription Subscription(string? deadLetterTopic) =>
        new("pubsub", "orders", [new RouteRule(null, "orders")], new Dictionary<string, string>(), deadLetterTopic, null, SubscriptionKind.Programmatic);

    private static PubSubMessage Message() => new("orders",
        Encoding.UTF8.GetBytes("""{"id":"1","specversion":"1.0","type":"t","source":"s","datacontenttype":"application/json","data":{"orderId":1}}"""),
        "application/cloudevents+json", PubSubMessage.NoMetadata);
}
