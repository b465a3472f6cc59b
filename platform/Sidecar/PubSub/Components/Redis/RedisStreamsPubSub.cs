using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AmazonScale.Sidecar.PubSub.Components.Redis;

/// <summary>
/// pubsub.redis as components-contrib implements it, so a real daprd can share the streams:
/// publish is <c>XADD topic [MAXLEN ~ n] * data &lt;bytes&gt; [metadata &lt;json&gt;]</c>; subscribe creates the
/// consumer group <c>XGROUP CREATE topic consumerID 0 MKSTREAM</c> (from 0, so messages published before the
/// first subscription are kept), reads with XREADGROUP (consumer name = consumerID, queueDepth per read),
/// runs at most <c>concurrency</c> handlers at once and XACKs on success. A message left unacknowledged
/// (handler failed, or the process died mid-delivery) is reclaimed with XPENDING/XCLAIM once idle for
/// processingTimeout, checked every redeliverInterval and once at subscribe time, so it is delivered again
/// after a restart (at-least-once). Differences: StackExchange.Redis cannot block a shared connection, so
/// XREADGROUP is polled (every 100 ms while the stream is idle); and a message still being handled in this
/// process is not reclaimed by this process, instead of cancelling its handler at processingTimeout.
/// </summary>
public sealed partial class RedisStreamsPubSub : IPubSub, IAsyncDisposable
{
    private static readonly TimeSpan IdlePollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(1);

    private readonly ConnectionMultiplexer _connection;
    private readonly RedisStreamsOptions _options;
    private readonly ILogger<RedisStreamsPubSub> _logger;
    private readonly SemaphoreSlim _handlerSlots;
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _disposed = new();

    public RedisStreamsPubSub(ConnectionMultiplexer connection, RedisStreamsOptions options, ILogger<RedisStreamsPubSub> logger)
    {
        _connection = connection;
        _options = options;
        _logger = logger;
        _handlerSlots = new SemaphoreSlim(options.Concurrency);
    }

    private IDatabase Database => _connection.GetDatabase();

    public async Task PublishAsync(PubSubMessage message, CancellationToken cancellationToken)
    {
        var fields = new List<NameValueEntry> { new("data", message.Data.ToArray()) };
        if (message.Metadata.Count > 0)
        {
            fields.Add(new NameValueEntry("metadata", JsonSerializer.Serialize(message.Metadata)));
        }
        await Database.StreamAddAsync(message.Topic, [.. fields], maxLength: (int?)_options.MaxLenApprox, useApproximateMaxLength: _options.MaxLenApprox is not null);
    }

    public async Task SubscribeAsync(string topic, IReadOnlyDictionary<string, string> metadata, PubSubHandler handler, CancellationToken stoppingToken)
    {
        try
        {
            await Database.StreamCreateConsumerGroupAsync(topic, _options.ConsumerId, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // The group survives restarts and is shared by every instance of the app.
        }
        var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _disposed.Token);
        Track(PollNewMessagesAsync(topic, handler, stopping.Token));
        if (_options.RedeliveryEnabled)
        {
            Track(ReclaimPendingMessagesAsync(topic, handler, stopping.Token));
        }
    }

    private async Task PollNewMessagesAsync(string topic, PubSubHandler handler, CancellationToken stopping)
    {
        await Task.Yield();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var entries = await Database.StreamReadGroupAsync(topic, _options.ConsumerId, _options.ConsumerId, StreamPosition.NewMessages, _options.QueueDepth);
                if (entries.Length == 0)
                {
                    await Task.Delay(IdlePollInterval, stopping);
                    continue;
                }
                await EnqueueAsync(topic, handler, entries, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogReadFailed(topic, ex.Message);
                await DelayQuietlyAsync(ErrorBackoff, stopping);
            }
        }
    }

    private async Task ReclaimPendingMessagesAsync(string topic, PubSubHandler handler, CancellationToken stopping)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(_options.RedeliverInterval);
        do
        {
            try
            {
                await ReclaimOnceAsync(topic, handler, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogReclaimFailed(topic, ex.Message);
            }
        }
        while (await WaitQuietlyAsync(timer, stopping));
    }

    private async Task ReclaimOnceAsync(string topic, PubSubHandler handler, CancellationToken stopping)
    {
        var minIdle = (long)_options.ProcessingTimeout.TotalMilliseconds;
        var pending = await Database.StreamPendingMessagesAsync(topic, _options.ConsumerId, _options.QueueDepth, RedisValue.Null);
        var ids = pending
            .Where(p => p.IdleTimeInMilliseconds >= minIdle && !_inFlight.ContainsKey(p.MessageId!))
            .Select(p => p.MessageId)
            .ToArray();
        if (ids.Length == 0)
        {
            return;
        }
        var claimed = (await Database.StreamClaimAsync(topic, _options.ConsumerId, _options.ConsumerId, minIdle, ids))
            .Where(e => !e.IsNull)
            .ToArray();
        // Entries trimmed from the stream (MAXLEN) cannot be redelivered: acknowledge them so they leave the pending list.
        var vanished = ids.Except(claimed.Select(e => e.Id)).ToArray();
        if (vanished.Length > 0)
        {
            await Database.StreamAcknowledgeAsync(topic, _options.ConsumerId, vanished);
        }
        await EnqueueAsync(topic, handler, claimed, stopping);
    }

    private async Task EnqueueAsync(string topic, PubSubHandler handler, StreamEntry[] entries, CancellationToken stopping)
    {
        foreach (var entry in entries)
        {
            var id = entry.Id.ToString();
            if (!_inFlight.TryAdd(id, 0))
            {
                continue;
            }
            await _handlerSlots.WaitAsync(stopping);
            Track(ProcessAsync(topic, handler, entry, id, stopping));
        }
    }

    private async Task ProcessAsync(string topic, PubSubHandler handler, StreamEntry entry, string id, CancellationToken stopping)
    {
        await Task.Yield();
        try
        {
            await handler(ToMessage(topic, entry), stopping);
            await Database.StreamAcknowledgeAsync(topic, _options.ConsumerId, id);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Left pending: reclaimed after a restart.
        }
        catch (Exception ex)
        {
            LogHandlerFailed(id, topic, ex.Message);
        }
        finally
        {
            _inFlight.TryRemove(id, out _);
            _handlerSlots.Release();
        }
    }

    private static PubSubMessage ToMessage(string topic, StreamEntry entry)
    {
        var data = entry["data"];
        var metadataJson = entry["metadata"];
        var metadata = metadataJson.IsNullOrEmpty
            ? PubSubMessage.NoMetadata
            : JsonSerializer.Deserialize<Dictionary<string, string>>(metadataJson.ToString()) ?? PubSubMessage.NoMetadata;
        return new PubSubMessage(topic, data.IsNull ? ReadOnlyMemory<byte>.Empty : (byte[])data!, null, metadata);
    }

    private void Track(Task task)
    {
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    private static async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, stopping);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<bool> WaitQuietlyAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        await Task.WhenAll(_running.Keys);
        await _connection.DisposeAsync();
        _disposed.Dispose();
        _handlerSlots.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "redis streams: error reading from stream {Topic}: {Reason}")]
    private partial void LogReadFailed(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "redis streams: error reclaiming pending messages of {Topic}: {Reason}")]
    private partial void LogReclaimFailed(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Error processing Redis message {Id} on {Topic}: {Reason}; it stays pending for redelivery")]
    private partial void LogHandlerFailed(string id, string topic, string reason);
}
