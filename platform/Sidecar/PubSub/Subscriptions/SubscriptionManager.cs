using System.Net;
using AmazonScale.Sidecar.AppChannel;
using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.Metadata;
using AmazonScale.Sidecar.PubSub.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Sidecar.PubSub.Subscriptions;

/// <summary>
/// Loads this app's subscriptions once the app answers (declarative Subscription resources, then
/// GET /dapr/subscribe with daprd's initialization retry: 3 tries, exponential from 500 ms; 404 = none),
/// starts consuming each topic through its component, and reports them in the metadata API. A topic
/// subscribed twice keeps the first definition (declarative before programmatic) and logs the duplicate.
/// </summary>
public sealed partial class SubscriptionManager(
    Hosting.SidecarOptions options,
    AppChannel.AppChannel appChannel,
    ResourceCatalog catalog,
    ComponentRegistry components,
    SubscriptionDeliverer deliverer,
    IHostApplicationLifetime lifetime,
    ILogger<SubscriptionManager> logger) : IAppInitializer, IMetadataContributor
{
    private const int SubscribeLoadAttempts = 3;
    private IReadOnlyList<Subscription> _active = [];

    public IReadOnlyList<Subscription> Active => Volatile.Read(ref _active);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!appChannel.IsConfigured)
        {
            return;
        }
        var candidates = LoadDeclarative().Concat(await LoadProgrammaticAsync(cancellationToken));
        var active = new List<Subscription>();
        foreach (var subscription in candidates)
        {
            if (active.Any(s => s.PubsubName == subscription.PubsubName && s.Topic == subscription.Topic))
            {
                LogDuplicate(subscription.PubsubName, subscription.Topic);
                continue;
            }
            var pubsub = components.Find<IPubSub>(subscription.PubsubName);
            if (pubsub is null)
            {
                LogPubSubMissing(subscription.PubsubName, subscription.Topic);
                continue;
            }
            if (!TopicScopes.From(components.Loaded.First(r => r.Name == subscription.PubsubName), options.AppId).CanSubscribe(subscription.Topic))
            {
                LogSubscriptionForbidden(subscription.PubsubName, subscription.Topic, options.AppId);
                continue;
            }
            await pubsub.SubscribeAsync(subscription.Topic, subscription.Metadata, deliverer.HandlerFor(subscription, pubsub), lifetime.ApplicationStopping);
            active.Add(subscription);
            LogSubscribed(subscription.PubsubName, subscription.Topic, subscription.Kind);
        }
        Volatile.Write(ref _active, active);
    }

    public void Contribute(MetadataSnapshot snapshot)
    {
        foreach (var subscription in Active)
        {
            snapshot.Subscriptions.Add(new SubscriptionMetadata(
                subscription.PubsubName,
                subscription.Topic,
                subscription.Metadata,
                subscription.Rules.Select(r => (r.Match?.Text ?? "", r.Path)).ToList(),
                subscription.DeadLetterTopic ?? "",
                subscription.Kind == SubscriptionKind.Declarative ? "DECLARATIVE" : "PROGRAMMATIC"));
        }
    }

    private IEnumerable<Subscription> LoadDeclarative()
    {
        foreach (var resource in catalog.OfKind("Subscription"))
        {
            Subscription? subscription;
            try
            {
                subscription = SubscriptionParser.ParseDeclarative(resource);
            }
            catch (FormatException ex)
            {
                LogInvalidDeclarative(resource.Name, resource.SourceFile, ex.Message);
                continue;
            }
            if (subscription is not null)
            {
                yield return subscription;
            }
        }
    }

    private async Task<IReadOnlyList<Subscription>> LoadProgrammaticAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "dapr/subscribe");
                request.Headers.TryAddWithoutValidation("dapr-app-id", options.AppId);
                using var response = await appChannel.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return [];
                }
                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    return SubscriptionParser.ParseProgrammatic(body, (item, error) => LogInvalidProgrammatic(item.ToJsonString(), error.Message));
                }
                LogSubscribeStatus((int)response.StatusCode, attempt);
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or FormatException)
            {
                LogSubscribeFailed(ex.Message, attempt);
            }
            if (attempt >= SubscribeLoadAttempts)
            {
                return [];
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt - 1)), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "app is subscribed to topic {Topic} on pubsub {Pubsub} ({Kind})")]
    private partial void LogSubscribed(string pubsub, string topic, SubscriptionKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "topic {Topic} on pubsub {Pubsub} is subscribed more than once; keeping the first definition")]
    private partial void LogDuplicate(string pubsub, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "subscription to topic {Topic} names pubsub {Pubsub}, which is not loaded; skipped")]
    private partial void LogPubSubMissing(string pubsub, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "subscription to topic {Topic} on pubsub {Pubsub} is not allowed for app id {AppId} (subscriptionScopes/allowedTopics/protectedTopics); skipped")]
    private partial void LogSubscriptionForbidden(string pubsub, string topic, string appId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscription {Name} in {File} is invalid and was not loaded: {Reason}")]
    private partial void LogInvalidDeclarative(string name, string file, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscription {Item} from /dapr/subscribe is invalid and was not loaded: {Reason}")]
    private partial void LogInvalidProgrammatic(string item, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET /dapr/subscribe answered HTTP {Status} (attempt {Attempt})")]
    private partial void LogSubscribeStatus(int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET /dapr/subscribe failed: {Reason} (attempt {Attempt})")]
    private partial void LogSubscribeFailed(string reason, int attempt);
}
