using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AmazonScale.Sidecar.Discovery;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Sidecar.PubSub.Components.InMemory;

/// <summary>
/// pubsub.in-memory for a machine where every app has its own sidecar process. daprd's in-memory bus is
/// process-local; here a publish fans out through the local registry instead: every sidecar advertises
/// the "pubsub/topic@group" entries it consumes, and the publisher sends the message over the private peer
/// endpoint to ONE live instance of each consumer group (consumerID metadata, default the app id: each app
/// gets every message once, its instances share them round-robin; consumerID "{uuid}" makes every instance
/// its own group, i.e. a broadcast); a bulk publish travels to each group's instance in one peer call. The receiving
/// sidecar keeps the message in memory and
/// calls the handler until it succeeds, backing off from 500 ms to 10 s. Like daprd's in-memory component
/// this is NOT durable: messages published while no instance of an app subscribes, or held by a sidecar
/// that stops or crashes, are lost. Use pubsub.redis for at-least-once across restarts.
/// </summary>
public sealed partial class LocalPubSub(
    string name,
    string consumerGroup,
    LocalRegistry registry,
    PeerAuthentication peers,
    HttpClient peerClient,
    TimeProvider time,
    ILogger<LocalPubSub> logger) : IPubSub, IBulkPublisher, IAsyncDisposable
{
    private static readonly TimeSpan PeerCallTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (PubSubHandler Handler, CancellationToken Stopping)> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly CancellationTokenSource _disposed = new();
    private int _roundRobin;

    public string Name { get; } = name;

    public Task PublishAsync(PubSubMessage message, CancellationToken cancellationToken) => PublishBulkAsync([message], cancellationToken);

    public async Task PublishBulkAsync(IReadOnlyList<PubSubMessage> messages, CancellationToken cancellationToken)
    {
        var prefix = AdvertisedKey(messages[0].Topic, group: "");
        var groups = registry.LiveInstances()
            .SelectMany(instance => instance.Subscriptions
                .Where(s => s.StartsWith(prefix, StringComparison.Ordinal))
                .Select(s => (Group: s[prefix.Length..], Instance: instance)))
            .GroupBy(entry => entry.Group, entry => entry.Instance, StringComparer.Ordinal);
        var failed = new List<string>();
        foreach (var group in groups)
        {
            if (!await SendToOneInstanceAsync(group.ToList(), messages, cancellationToken))
            {
                failed.Add(group.Key);
            }
        }
        if (failed.Count > 0)
        {
            throw new InvalidOperationException($"no instance of {string.Join(", ", failed)} accepted the message");
        }
    }

    public Task SubscribeAsync(string topic, IReadOnlyDictionary<string, string> metadata, PubSubHandler handler, CancellationToken stoppingToken)
    {
        if (!_handlers.TryAdd(topic, (handler, stoppingToken)))
        {
            throw new InvalidOperationException($"topic {topic} is already subscribed on pubsub {Name}");
        }
        var key = AdvertisedKey(topic, consumerGroup);
        registry.UpdateSelf(self => self with { Subscriptions = [.. self.Subscriptions.Where(s => s != key), key] });
        return Task.CompletedTask;
    }

    /// <summary>Takes messages of one topic sent by a publishing sidecar (or by this one); false when this sidecar does not consume the topic.</summary>
    public bool Accept(IReadOnlyList<PubSubMessage> messages)
    {
        if (!_handlers.TryGetValue(messages[0].Topic, out var subscription))
        {
            return false;
        }
        foreach (var message in messages)
        {
            var stopping = CancellationTokenSource.CreateLinkedTokenSource(subscription.Stopping, _disposed.Token);
            var delivery = DeliverUntilAcknowledgedAsync(subscription.Handler, message, stopping);
            _inFlight.TryAdd(delivery, 0);
            _ = delivery.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
        }
        return true;
    }

    private string AdvertisedKey(string topic, string group) => $"{Name}/{topic}@{group}";

    private async Task<bool> SendToOneInstanceAsync(IReadOnlyList<SidecarInstance> instances, IReadOnlyList<PubSubMessage> messages, CancellationToken cancellationToken)
    {
        var start = (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)instances.Count);
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[(start + i) % instances.Count];
            if (instance.InstanceId == registry.Self.InstanceId ? Accept(messages) : await SendToPeerAsync(instance, messages, cancellationToken))
            {
                return true;
            }
        }
        return false;
    }

    private async Task<bool> SendToPeerAsync(SidecarInstance instance, IReadOnlyList<PubSubMessage> messages, CancellationToken cancellationToken)
    {
        var uri = $"http://127.0.0.1:{instance.HttpPort}{LocalPubSubPeerApi.PathFor(Name)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(messages.Select(message =>
                new LocalPubSubEnvelope(message.Topic, message.Data.ToArray(), message.ContentType, new Dictionary<string, string>(message.Metadata)))),
        };
        request.Headers.TryAddWithoutValidation(PeerAuthentication.HeaderName, peers.Key);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PeerCallTimeout);
        try
        {
            using var response = await peerClient.SendAsync(request, timeout.Token);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return true;
            }
            LogPeerRefused(instance.AppId, instance.InstanceId, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogPeerUnreachable(instance.AppId, instance.InstanceId, ex.Message);
        }
        registry.Invalidate();
        return false;
    }

    private async Task DeliverUntilAcknowledgedAsync(PubSubHandler handler, PubSubMessage message, CancellationTokenSource stopping)
    {
        using var _ = stopping;
        // The delivery belongs to no request: it must not inherit the peer call's span.
        Activity.Current = null;
        await Task.Yield();
        var delay = FirstRetryDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await handler(message, stopping.Token);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRedelivering(message.Topic, delay, ex.Message);
            }
            try
            {
                await Task.Delay(delay, time, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        await Task.WhenAll(_inFlight.Keys);
        _disposed.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sidecar {AppId}/{InstanceId} refused a pub/sub message (HTTP {Status})")]
    private partial void LogPeerRefused(string appId, string instanceId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sidecar {AppId}/{InstanceId} is unreachable for pub/sub: {Reason}")]
    private partial void LogPeerUnreachable(string appId, string instanceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery on topic {Topic} failed; retrying in {Delay}: {Reason}")]
    private partial void LogRedelivering(string topic, TimeSpan delay, string reason);
}
