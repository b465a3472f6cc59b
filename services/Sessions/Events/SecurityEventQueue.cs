using System.Threading.Channels;

namespace AmazonScale.Sessions.Events;

/// <summary>
/// Hands security events to <see cref="SecurityEventPublisher"/> without waiting for the sidecar, so no request (and
/// no actor turn) slows down for analytics. When full, events are dropped and counted.
/// </summary>
public sealed class SecurityEventQueue(SessionsOptions options, SessionsMetrics metrics)
{
    private readonly Channel<ISecurityEvent> _events = Channel.CreateBounded<ISecurityEvent>(
        new BoundedChannelOptions(options.EventQueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ChannelReader<ISecurityEvent> Reader => _events.Reader;

    public void Enqueue(ISecurityEvent securityEvent)
    {
        if (!_events.Writer.TryWrite(securityEvent))
        {
            metrics.EventDropped();
        }
    }

    public static string NewEventId() => Guid.CreateVersion7().ToString("N");
}
