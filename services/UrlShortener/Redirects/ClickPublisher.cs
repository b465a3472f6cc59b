using System.Buffers;
using AmazonScale.UrlShortener.Domain;
using AmazonScale.UrlShortener.Events;
using Dapr.Client;

namespace AmazonScale.UrlShortener.Redirects;

/// <summary>
/// Drains the click queue into <see cref="UrlVisitBatch"/> messages on "pubsub". After the first click of a batch it
/// lingers for <see cref="Linger"/> so that under load one message carries many clicks (up to <see cref="MaxBatch"/>):
/// one sidecar call, one broker message and one CloudEvent per batch rather than per click. Batches travel in
/// <see cref="UrlVisitBatchCodec"/>'s binary form.
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
        var encoded = new ArrayBufferWriter<byte>();
        using var visitorIds = recorder.NewVisitorIds();
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                if (!TakeInto(batch, visitorIds))
                {
                    // The other publisher took it.
                    continue;
                }
                if (batch.Count < MaxBatch)
                {
                    await Task.Delay(Linger, stoppingToken);
                    TakeInto(batch, visitorIds);
                }
                UrlVisitBatchCodec.Encode(new UrlVisitBatch(UrlVisitBatch.NewId(), batch), encoded);
                await PublishAsync(encoded.WrittenMemory, batch.Count, stoppingToken);
                batch.Clear();
                encoded.ResetWrittenCount();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private bool TakeInto(List<UrlVisited> batch, DailyVisitorIds visitorIds)
    {
        while (batch.Count < MaxBatch && queue.Reader.TryRead(out var click))
        {
            batch.Add(ClickRecorder.ToEvent(click, visitorIds));
        }
        return batch.Count > 0;
    }

    private async Task PublishAsync(ReadOnlyMemory<byte> batch, int visits, CancellationToken stoppingToken)
    {
        try
        {
            await dapr.PublishByteEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), batch, UrlVisitBatchCodec.ContentType, cancellationToken: stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(logger, visits, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Count} visits; they are lost for analytics.")]
    private static partial void LogPublishFailed(ILogger logger, int count, Exception exception);
}
