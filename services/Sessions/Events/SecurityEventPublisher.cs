using Dapr;
using Dapr.Client;

namespace AmazonScale.Sessions.Events;

/// <summary>Publishes queued security events on "pubsub", one topic per event type.</summary>
public sealed class SecurityEventPublisher(SecurityEventQueue queue, DaprClient dapr, ILogger<SecurityEventPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var securityEvent in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                // object-typed: System.Text.Json writes the runtime type's properties.
                await dapr.PublishEventAsync<object>(DaprComponents.PubSub, securityEvent.GetType().Name, securityEvent, stoppingToken);
            }
            catch (Exception ex) when (ex is DaprException or HttpRequestException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not publish {EventType} {EventId}", securityEvent.GetType().Name, securityEvent.EventId);
            }
        }
    }
}
