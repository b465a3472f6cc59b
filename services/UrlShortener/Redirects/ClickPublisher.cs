using AmazonScale.UrlShortener.Events;
using Dapr.Client;

namespace AmazonScale.UrlShortener.Redirects;

/// <summary>
/// Drains the click queue into UrlVisited events on "pubsub". Whatever has queued up since the last publish goes
/// out in one bulk publish (up to <see cref="MaxBatch"/> events), so under load the app makes one sidecar call per
/// batch rather than per click; each event is still delivered and handled on its own.
/// </summary>
public sealed partial class ClickPublisher(ClickQueue queue, DaprClient dapr, ILogger<ClickPublisher> logger) : BackgroundService
{
    public const int MaxBatch = 100;
    private const int Publishers = 2;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Publishers).Select(_ => DrainAsync(stoppingToken)));

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        var batch = new List<UrlVisited>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var click))
                {
                    batch.Add(click);
                }
                await PublishAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PublishAsync(List<UrlVisited> batch, CancellationToken stoppingToken)
    {
        try
        {
            var response = await dapr.BulkPublishEventAsync(DaprComponents.PubSub, nameof(UrlVisited), batch, cancellationToken: stoppingToken);
            if (response.FailedEntries.Count > 0)
            {
                LogPublishFailed(logger, response.FailedEntries.Count, batch.Count, null);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(logger, batch.Count, batch.Count, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Failed} of {Total} visits; they are lost for analytics.")]
    private static partial void LogPublishFailed(ILogger logger, int failed, int total, Exception? exception);
}
