using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AmazonScale.FlashSale.Tests.Functional;

/// <summary>
/// Delivers events to a bulkSubscribe route as the sidecar does (dapr-protocol 2.2): one POST of
/// {id, type: com.dapr.event.sent.bulk, topic, pubsubname, entries[{entryId, event: CloudEvent, contentType}]}; returns
/// the app's status per entry id.
/// </summary>
public static class BulkDelivery
{
    public static async Task<Dictionary<string, string>> PostAsync(HttpClient app, string route, string topic, params object?[] events)
    {
        var body = new
        {
            id = Guid.NewGuid().ToString(),
            type = "com.dapr.event.sent.bulk",
            topic,
            pubsubname = DaprComponents.PubSub,
            metadata = new Dictionary<string, string>(),
            entries = events.Select((data, i) => new
            {
                entryId = $"entry-{i}",
                contentType = "application/cloudevents+json",
                @event = new
                {
                    specversion = "1.0", id = Guid.NewGuid().ToString(), source = "test", type = "com.dapr.event.sent", datacontenttype = "application/json",
                    data = JsonSerializer.SerializeToElement(data, SaleStack.Json), topic, pubsubname = DaprComponents.PubSub,
                },
            }),
        };
        using var response = await app.PostAsJsonAsync(route, body);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, answer);
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.GetProperty("statuses").EnumerateArray()
            .ToDictionary(status => status.GetProperty("entryId").GetString()!, status => status.GetProperty("status").GetString()!);
    }
}
