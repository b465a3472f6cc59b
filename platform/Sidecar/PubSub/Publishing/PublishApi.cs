using System.Text.Json;
using AmazonScale.Sidecar.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Sidecar.PubSub.Publishing;

/// <summary>
/// HTTP publish API: POST/PUT /v1.0/publish/{pubsub}/{topic...} with the raw body (Content-Type becomes
/// datacontenttype, ?metadata.k=v become metadata) and bulk publish (v1.0-alpha1 and v1.0).
/// </summary>
public static class PublishApi
{
    private const string MetadataQueryPrefix = "metadata.";
    private static readonly string[] Verbs = ["POST", "PUT"];

    public static IEndpointRouteBuilder MapPublishApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/v1.0/publish/bulk/{pubsub}/{**topic}", Verbs, PublishBulk);
        endpoints.MapMethods("/v1.0-alpha1/publish/bulk/{pubsub}/{**topic}", Verbs, PublishBulk);
        endpoints.MapMethods("/v1.0/publish/{pubsub}/{**topic}", Verbs, Publish);
        return endpoints;
    }

    private static async Task<IResult> Publish(HttpContext context, string pubsub, string? topic, Publisher publisher)
    {
        var body = await ReadBodyAsync(context.Request);
        var request = new PublishRequest(Uri.UnescapeDataString(pubsub), topic ?? "", body, context.Request.ContentType, MetadataFromQuery(context.Request.Query));
        await publisher.PublishAsync(request, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> PublishBulk(HttpContext context, string pubsub, string? topic, Publisher publisher)
    {
        var pubsubName = Uri.UnescapeDataString(pubsub);
        var body = await ReadBodyAsync(context.Request);
        IReadOnlyList<BulkPublishEntry> entries;
        try
        {
            entries = BulkPublishBody.Parse(body);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw PubSubErrors.EventsMalformed(pubsubName, topic ?? "", ex.Message).ToException();
        }
        var failures = await publisher.PublishBulkAsync(pubsubName, topic ?? "", entries, MetadataFromQuery(context.Request.Query), context.RequestAborted);
        if (failures.Count == 0)
        {
            return TypedResults.NoContent();
        }
        var error = PubSubErrors.PublishFailed(pubsubName, topic ?? "", "some entries failed");
        return TypedResults.Json(new
        {
            failedEntries = failures.Select(f => new { entryId = f.EntryId, error = f.Error }),
            errorCode = error.ErrorCode,
        }, statusCode: error.HttpStatus);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static Dictionary<string, string> MetadataFromQuery(IQueryCollection query)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in query)
        {
            if (key.StartsWith(MetadataQueryPrefix, StringComparison.OrdinalIgnoreCase) && key.Length > MetadataQueryPrefix.Length)
            {
                metadata[key[MetadataQueryPrefix.Length..]] = value.ToString();
            }
        }
        return metadata;
    }
}
