using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace AmazonScale.UrlShortener.Redirects;

/// <summary>
/// Bounded hand-off from the redirect path to <see cref="ClickPublisher"/>. Enqueueing never waits: when
/// the publisher falls behind and the queue is full, the click is dropped and counted, because a slow
/// analytics pipeline must never slow down redirects.
/// </summary>
public sealed class ClickQueue(IOptions<UrlShortenerOptions> options, UrlShortenerMetrics metrics)
{
    private readonly Channel<Click> _clicks = Channel.CreateBounded<Click>(new BoundedChannelOptions(options.Value.ClickQueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleWriter = false,
        SingleReader = false,
    });

    public ChannelReader<Click> Reader => _clicks.Reader;

    public void Enqueue(Click click)
    {
        if (!_clicks.Writer.TryWrite(click))
        {
            metrics.ClickDropped();
        }
    }
}
