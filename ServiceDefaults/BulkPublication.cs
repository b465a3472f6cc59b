using System.Globalization;
using Dapr.Client;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Dapr's bulk publish with its outcome per event: the sidecar answers only the entries it could not publish, naming
/// each by the entry id the SDK gave it (its position in the list), so the caller learns which events to retry.
/// </summary>
public static class BulkPublication
{
    /// <returns>Per event, in order: null once the broker took it, otherwise the broker's error.</returns>
    public static async Task<string?[]> PublishEachAsync<TEvent>(
        this DaprClient dapr, string pubsubName, string topic, IReadOnlyList<TEvent> events, CancellationToken cancellationToken)
    {
        var errors = new string?[events.Count];
        if (events.Count == 0)
        {
            return errors;
        }
        var response = await dapr.BulkPublishEventAsync(pubsubName, topic, events, cancellationToken: cancellationToken);
        foreach (var failed in response.FailedEntries)
        {
            errors[int.Parse(failed.Entry.EntryId, CultureInfo.InvariantCulture)] = failed.ErrorMessage ?? "refused";
        }
        return errors;
    }
}
