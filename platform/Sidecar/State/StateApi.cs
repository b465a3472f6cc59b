using System.Text.Json;
using AmazonScale.Sidecar.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Sidecar.State;

/// <summary>daprd's HTTP state API (/v1.0/state/{store}…): same routes, bodies, headers and status codes.</summary>
public static class StateApi
{
    private const string MetadataPrefix = "metadata.";

    public static IEndpointRouteBuilder MapStateApi(this IEndpointRouteBuilder endpoints)
    {
        var state = endpoints.MapGroup("/v1.0/state/{storeName}").WithTags("State");
        state.MapGet("/{key}", GetState).WithName("GetState");
        state.MapDelete("/{key}", DeleteState).WithName("DeleteState");
        state.MapMethods("/", ["POST", "PUT"], SaveState).WithName("SaveState");
        state.MapMethods("/bulk", ["POST", "PUT"], GetBulkState).WithName("GetBulkState");
        state.MapMethods("/transaction", ["POST", "PUT"], ExecuteTransaction).WithName("ExecuteStateTransaction");
        return endpoints;
    }

    /// <summary>200 with the stored bytes, the ETag header and metadata.* headers; 204 when the key is missing.</summary>
    private static async Task<Results<FileContentHttpResult, NoContent>> GetState(string storeName, string key, HttpContext context, StateService state)
    {
        var entry = await state.GetAsync(storeName, key, context.RequestAborted);
        if (entry is null)
        {
            return TypedResults.NoContent();
        }
        context.Response.Headers.ETag = entry.ETag;
        foreach (var (name, value) in StateRequestOptions.ResponseMetadata(entry))
        {
            context.Response.Headers[MetadataPrefix + name] = value;
        }
        return TypedResults.Bytes(entry.Value, "application/json");
    }

    private static async Task<NoContent> SaveState(string storeName, HttpContext context, StateService state)
    {
        using var body = await ReadJsonAsync(context);
        var items = StateHttpRequests.ParseSave(body.RootElement, QueryMetadata(context.Request));
        await state.SaveAsync(storeName, items, context.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>The ETag comes from If-Match; concurrency and consistency from the query string.</summary>
    private static async Task<NoContent> DeleteState(string storeName, string key, HttpContext context, StateService state)
    {
        var query = context.Request.Query;
        var request = new StateDeleteRequest(
            key,
            StateRequestOptions.NormalizeETag(context.Request.Headers.IfMatch.ToString()),
            StateRequestOptions.ParseConcurrency(query["concurrency"].ToString()),
            StateRequestOptions.ParseConsistency(query["consistency"].ToString()));
        await state.DeleteAsync(storeName, request, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<FileContentHttpResult> GetBulkState(string storeName, HttpContext context, StateService state)
    {
        using var body = await ReadJsonAsync(context);
        var (keys, parallelism) = StateHttpRequests.ParseBulkGet(body.RootElement);
        var results = await state.GetBulkAsync(storeName, keys, parallelism, context.RequestAborted);
        return TypedResults.Bytes(BulkStateJson.Write(results), "application/json");
    }

    private static async Task<NoContent> ExecuteTransaction(string storeName, HttpContext context, StateService state)
    {
        using var body = await ReadJsonAsync(context);
        var operations = StateHttpRequests.ParseTransaction(body.RootElement, QueryMetadata(context.Request));
        await state.ExecuteTransactionAsync(storeName, operations, context.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Oversized bodies surface as BadHttpRequestException(413), which DaprExceptionMiddleware answers.</summary>
    private static async Task<JsonDocument> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            throw CommonErrors.MalformedRequest(ex.Message).ToException();
        }
    }

    private static Dictionary<string, string> QueryMetadata(HttpRequest request) => request.Query
        .Where(q => q.Key.StartsWith(MetadataPrefix, StringComparison.Ordinal) && q.Key.Length > MetadataPrefix.Length)
        .ToDictionary(q => q.Key[MetadataPrefix.Length..], q => q.Value.ToString(), StringComparer.Ordinal);
}
