using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AmazonScale.UrlShortener.Owners;
using AmazonScale.UrlShortener.State;
using AmazonScale.UrlShortener.Urls;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AmazonScale.UrlShortener.Idempotency;

/// <summary>
/// Idempotency-Key (IETF httpapi draft) for create endpoints. The key, scoped to the owner and stored as
/// a hash, is reserved with a first-write insert before the handler runs, so concurrent retries cannot
/// both execute. A retry with the same body replays the stored response; a different body is 422; a
/// retry while the first is still running is 409. 5xx and 429 are not stored: those retries run again.
/// </summary>
public sealed class IdempotencyFilter(StateDocuments state, IOptions<JsonOptions> json, IOptions<UrlShortenerOptions> options) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers[Header] is not [{ } idempotencyKey])
        {
            return await next(context);
        }
        if (idempotencyKey.Length is 0 or > MaxKeyLength || idempotencyKey.Any(char.IsControl))
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid Idempotency-Key", detail: $"{Header} must be 1-{MaxKeyLength} printable characters.");
        }

        var key = StateKeys.Idempotency(http.User.OwnerId(), Sha256(idempotencyKey));
        var body = context.Arguments.OfType<IIdempotentRequest>().FirstOrDefault();
        var fingerprint = Sha256(body is null ? "" : JsonSerializer.Serialize(body, body.GetType(), json.Value.SerializerOptions));
        var retention = options.Value.IdempotencyRetention;
        var cancellation = http.RequestAborted;
        if (!await state.TryInsertAsync(key, new IdempotencyRecord(fingerprint, Completed: false), retention, cancellation))
        {
            return await Earlier(key, fingerprint, cancellation);
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await state.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        // Handlers return Results<...> unions; what gets written is the result inside.
        var outcome = result is INestedHttpResult nested ? nested.Result : result;
        if (outcome is IStatusCodeHttpResult { StatusCode: { } status } && status < 500 && status != StatusCodes.Status429TooManyRequests)
        {
            var response = outcome is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), json.Value.SerializerOptions) : null;
            var location = outcome is Created<UrlResponse> created ? created.Location : null;
            await state.SaveAsync(key, new IdempotencyRecord(fingerprint, true, status, location, response), retention, CancellationToken.None);
        }
        else
        {
            await state.DeleteAsync(key, CancellationToken.None);
        }
        return result;
    }

    private async Task<IResult> Earlier(string key, string fingerprint, CancellationToken cancellationToken)
    {
        var earlier = await state.GetAsync<IdempotencyRecord>(key, cancellationToken);
        return earlier switch
        {
            null => TypedResults.Problem(statusCode: 409, title: "Request in progress", detail: "Retry shortly."),
            _ when earlier.RequestFingerprint != fingerprint => TypedResults.Problem(statusCode: 422, title: "Idempotency-Key reused",
                detail: $"This {Header} was used with a different request body."),
            { Completed: false } => TypedResults.Problem(statusCode: 409, title: "Request in progress",
                detail: $"A request with this {Header} is still being processed; retry shortly."),
            _ => new ReplayedResult(earlier),
        };
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private sealed class ReplayedResult(IdempotencyRecord record) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = record.Status;
            response.Headers[ReplayedHeader] = "true";
            if (record.Location is not null)
            {
                response.Headers.Location = record.Location;
            }
            if (record.Body is null)
            {
                return Task.CompletedTask;
            }
            response.ContentType = record.Status >= 400 ? "application/problem+json" : "application/json; charset=utf-8";
            return response.WriteAsync(record.Body, Encoding.UTF8);
        }
    }
}
