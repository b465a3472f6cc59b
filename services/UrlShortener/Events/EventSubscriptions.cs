using AmazonScale.UrlShortener.Analytics;
using AmazonScale.UrlShortener.Redirects;
using Dapr.Client;

namespace AmazonScale.UrlShortener.Events;

/// <summary>
/// Pub/sub handlers (advertised on /dapr/subscribe). Event bodies are read with the Dapr client's JSON
/// options, the same ones the publisher wrote them with, independent of the API's snake_case.
/// </summary>
public static class EventSubscriptions
{
    /// <summary>Tells the sidecar to drop an undecodable event instead of retrying it forever.</summary>
    public sealed record SubscriberStatus(string Status);

    public static IEndpointRouteBuilder MapUrlShortenerEvents(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/events").ExcludeFromDescription();
        events.MapPost("/url-visited", OnUrlVisited).WithTopic(DaprComponents.PubSub, nameof(UrlVisited));
        events.MapPost("/url-changed", OnUrlChanged).WithTopic(DaprComponents.Broadcast, nameof(UrlChanged));
        return app;
    }

    public static async Task<IResult> OnUrlVisited(HttpRequest request, DaprClient dapr, VisitAggregator aggregator, CancellationToken cancellationToken)
    {
        var visit = await ReadAsync<UrlVisited>(request, dapr, cancellationToken);
        if (visit is null || !Domain.ShortCode.IsWellFormed(visit.Code) || visit.EventId is not { Length: > 0 and <= 64 } || visit.VisitorId is null)
        {
            return TypedResults.Ok(new SubscriberStatus("DROP"));
        }
        await aggregator.ApplyAsync(visit, cancellationToken);
        return TypedResults.Ok();
    }

    public static async Task<IResult> OnUrlChanged(HttpRequest request, DaprClient dapr, RedirectCache cache, CancellationToken cancellationToken)
    {
        var change = await ReadAsync<UrlChanged>(request, dapr, cancellationToken);
        if (change?.Code is null)
        {
            return TypedResults.Ok(new SubscriberStatus("DROP"));
        }
        cache.Invalidate(change.Code);
        return TypedResults.Ok();
    }

    private static async Task<T?> ReadAsync<T>(HttpRequest request, DaprClient dapr, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(dapr.JsonSerializerOptions, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
