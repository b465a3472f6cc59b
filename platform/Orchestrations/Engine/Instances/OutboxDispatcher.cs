using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Orchestrations.Engine.Instances;

/// <summary>
/// Delivers outbox messages in the background, outside any instance's turn. A message already in flight
/// in this process is not started twice; a failed delivery is left to the instance's redelivery reminder.
/// </summary>
public sealed partial class OutboxDispatcher(OutboxDelivery delivery, ILogger<OutboxDispatcher> logger) : IDisposable
{
    private readonly ConcurrentDictionary<(string InstanceId, int MessageId), byte> _inFlight = new();
    private readonly CancellationTokenSource _stopping = new();

    public void Dispatch(string instanceId, IReadOnlyList<OutboxMessage> messages)
    {
        foreach (var message in messages)
        {
            if (_inFlight.TryAdd((instanceId, message.Id), 0))
            {
                _ = Task.Run(() => DeliverAsync(instanceId, message));
            }
        }
    }

    private async Task DeliverAsync(string instanceId, OutboxMessage message)
    {
        try
        {
            await delivery.DeliverAsync(instanceId, message, _stopping.Token);
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            LogDeliveryFailed(instanceId, message.GetType().Name, message.Id, ex.Message);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _inFlight.TryRemove((instanceId, message.Id), out _);
        }
    }

    /// <summary>Stops deliveries in progress; they stay in their outboxes and are redelivered after restart.</summary>
    public void Dispose() => _stopping.Cancel();

    [LoggerMessage(Level = LogLevel.Warning, Message = "workflow {InstanceId}: delivery of {Kind} #{MessageId} failed, it will be redelivered: {Reason}")]
    private partial void LogDeliveryFailed(string instanceId, string kind, int messageId, string reason);
}
