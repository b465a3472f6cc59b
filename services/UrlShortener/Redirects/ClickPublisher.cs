using AmazonScale.UrlShortener.Events;

namespace AmazonScale.UrlShortener.Redirects;

/// <summary>Drains the click queue into UrlVisited events on "pubsub", a few publishes in flight at a time.</summary>
public sealed partial class ClickPublisher(ClickQueue queue, EventPublisher events, ILogger<ClickPublisher> logger) : BackgroundService
{
    private const int Publishers = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Publishers).Select(_ => DrainAsync(stoppingToken)));

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var click in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await events.PublishAsync(DaprComponents.PubSub, click, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPublishFailed(logger, click.Code, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a visit of {Code}; it is lost for analytics.")]
    private static partial void LogPublishFailed(ILogger logger, string code, Exception exception);
}
