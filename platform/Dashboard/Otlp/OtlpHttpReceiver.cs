using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using AmazonScale.Dashboard.Telemetry;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace AmazonScale.Dashboard.Otlp;

/// <summary>
/// OTLP/HTTP endpoints per the OTLP specification: binary protobuf or JSON bodies (optionally gzip), an empty
/// Export*ServiceResponse in the request's encoding on success, and a google.rpc.Status body on failure — the
/// protocol's own error format, because OTLP exporters are the clients here.
/// </summary>
internal static class OtlpHttpReceiver
{
    public const long MaxBodyBytes = 16 * 1024 * 1024;
    private const string ProtobufContentType = "application/x-protobuf";
    private const string JsonContentType = "application/json";
    private const int InvalidArgumentCode = 3;
    private const int UnauthenticatedCode = 16;

    public static IEndpointRouteBuilder MapOtlpHttpReceiver(this IEndpointRouteBuilder app)
    {
        foreach (var signal in OtlpSignal.All)
        {
            app.MapPost(signal.HttpPath, (HttpContext context, TelemetryStore store, OtlpAuthorization authorization) =>
                ReceiveAsync(context, store, authorization, signal)).WithTags("OTLP");
        }

        return app;
    }

    private static async Task ReceiveAsync(HttpContext context, TelemetryStore store, OtlpAuthorization authorization, OtlpSignal signal)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        var isProtobuf = string.Equals(mediaType, ProtobufContentType, StringComparison.OrdinalIgnoreCase);
        if (!isProtobuf && !string.Equals(mediaType, JsonContentType, StringComparison.OrdinalIgnoreCase))
        {
            await WriteStatusAsync(context, isProtobuf: false, StatusCodes.Status415UnsupportedMediaType, InvalidArgumentCode,
                $"Content-Type must be {ProtobufContentType} or {JsonContentType}.");
            return;
        }

        if (!authorization.Allows(context.Request.Headers[OtlpAuthorization.HeaderName]))
        {
            await WriteStatusAsync(context, isProtobuf, StatusCodes.Status401Unauthorized, UnauthenticatedCode, $"Missing or invalid {OtlpAuthorization.HeaderName} header.");
            return;
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(context.Request, context.RequestAborted);
        }
        catch (OtlpBodyTooLargeException)
        {
            await WriteStatusAsync(context, isProtobuf, StatusCodes.Status413PayloadTooLarge, InvalidArgumentCode, $"Bodies are limited to {MaxBodyBytes} bytes.");
            return;
        }
        catch (InvalidDataException)
        {
            await WriteStatusAsync(context, isProtobuf, StatusCodes.Status400BadRequest, InvalidArgumentCode, "The gzip body is corrupt.");
            return;
        }

        try
        {
            signal.Store(store, isProtobuf ? ProtobufToJson.Decode(body, signal.Schema) : ParseJson(body));
        }
        catch (Exception e) when (OtlpSignal.IsMalformedBody(e))
        {
            await WriteStatusAsync(context, isProtobuf, StatusCodes.Status400BadRequest, InvalidArgumentCode, $"Malformed {signal.Schema.Name}: {e.Message}");
            return;
        }

        // An empty Export*ServiceResponse: all three have only the optional partial_success field, left unset on full success.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = isProtobuf ? ProtobufContentType : JsonContentType;
        if (!isProtobuf)
        {
            await context.Response.WriteAsync("{}", context.RequestAborted);
        }
    }

    private static JsonObject ParseJson(byte[] body) =>
        JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
        ?? throw new OtlpFormatException("The body must be a JSON object.");

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new OtlpBodyTooLargeException();
        }

        var gzip = string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase);
        await using var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                // The limit also applies after decompression, so a small gzip bomb cannot expand without bound.
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw new OtlpBodyTooLargeException();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new OtlpBodyTooLargeException();
        }

        return buffer.ToArray();
    }

    /// <summary>Writes a google.rpc.Status (1: code, 2: message) in the request's encoding.</summary>
    private static async Task WriteStatusAsync(HttpContext context, bool isProtobuf, int httpStatus, int code, string message)
    {
        context.Response.StatusCode = httpStatus;
        if (isProtobuf)
        {
            context.Response.ContentType = ProtobufContentType;
            using var output = new MemoryStream();
            var writer = new CodedOutputStream(output);
            writer.WriteTag(1, WireFormat.WireType.Varint);
            writer.WriteInt32(code);
            writer.WriteTag(2, WireFormat.WireType.LengthDelimited);
            writer.WriteString(message);
            writer.Flush();
            await context.Response.Body.WriteAsync(output.ToArray(), context.RequestAborted);
            return;
        }

        context.Response.ContentType = JsonContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, new { code, message }, cancellationToken: context.RequestAborted);
    }

    private sealed class OtlpBodyTooLargeException : Exception;
}
