using AmazonScale.UrlShortener.Events;
using Dapr.Client;

namespace AmazonScale.UrlShortener.Redirects;

/// <summary>
/// Drains the click queue into UrlVisited events on "pubsub". After the first click of a batch it lingers for
/// <see cref="Linger"/> so that under load one bulk publish carries many clicks (up to <see cref="MaxBatch"/>):
/// the app then makes one sidecar call per batch rather than per click; each event is still its own message.
/// </summary>
public sealed partial class ClickPublisher(ClickQueue queue, ClickRecorder recorder, DaprClient dapr, ILogger<ClickPublisher> logger) : BackgroundService
{
    public const int MaxBatch = 500;
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(20);
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
                if (!TakeInto(batch))
                {
                    // The other publisher took it.
                    continue;
                }
                if (batch.Count < MaxBatch)
                {
                    await Task.Delay(Linger, stoppingToken);
                    TakeInto(batch);
                }
                await PublishAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private bool TakeInto(List<UrlVisited> batch)
    {
        while (batch.Count < MaxBatch && queue.Reader.TryRead(out var click))
        {
            batch.Add(recorder.ToEvent(click));
        }
        return batch.Count > 0;
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
