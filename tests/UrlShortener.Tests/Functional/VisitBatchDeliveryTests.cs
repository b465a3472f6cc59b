using AmazonScale.TestSupport;
using AmazonScale.UrlShortener.Events;
using AmazonScale.UrlShortener.Redirects;

namespace AmazonScale.UrlShortener.Tests.Functional;

/// <summary>
/// Visit batches straight through the sidecar's pub/sub, as the click publisher sends them: deliveries of many large
/// batches, batches delivered twice (at-least-once) and an entry that is not a batch at all.
/// </summary>
public sealed class VisitBatchDeliveryTests(LocalServiceFixture fixture) : IClassFixture<LocalServiceFixture>
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

    [Fact]
    public async Task Full_batches_delivered_twice_next_to_a_malformed_entry_count_every_visit_exactly_once()
    {
        const int batches = 6;
        var owner = await fixture.Service.NewOwnerAsync();
        var code = await owner.ShortenAsync("https://example.com/batched");
        var sentinel = await owner.ShortenAsync("https://example.com/sentinel");
        using var dapr = fixture.Service.Sidecar.CreateClient();

        for (var b = 0; b < batches; b++)
        {
            var batch = Batch(code, ClickPublisher.MaxBatch, first: b * ClickPublisher.MaxBatch);
            await dapr.PublishEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), batch);
            await dapr.PublishEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), batch);
            if (b == batches / 2)
            {
                await dapr.PublishEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), "not a visit batch");
            }
        }
        await dapr.PublishEventAsync(DaprComponents.PubSub, nameof(UrlVisitBatch), Batch(sentinel, 1, first: 0));

        const int expected = batches * ClickPublisher.MaxBatch;
        await Poll.UntilAsync(() => VisitsAsync(owner, sentinel), visits => visits >= 1, TimeSpan.FromSeconds(30), "the sentinel visit");
        var counted = await Poll.UntilAsync(() => VisitsAsync(owner, code), visits => visits >= expected, TimeSpan.FromSeconds(30), $"{expected} visits");
        Assert.Equal(expected, counted);
    }

    private static UrlVisitBatch Batch(string code, int visits, int first) => new(UrlVisitBatch.NewId(), [.. Enumerable.Range(first, visits).Select(i =>
        new UrlVisited(code, DateTimeOffset.UtcNow, null, Firefox, "192.0.2.0", $"visitor-{i}", "NL"))]);

    private static async Task<long> VisitsAsync(HttpClient owner, string code) =>
        (await (await owner.GetAsync($"api/v1/analytics/{code}")).ReadJsonAsync()).GetProperty("visits").GetInt64();
}
