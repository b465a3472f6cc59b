using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Sidecar.Metadata;

/// <summary>GET /v1.0/metadata (the JS SDK probes it to decide the sidecar is up) and PUT /v1.0/metadata/{key}.</summary>
public static class MetadataApi
{
    public static IEndpointRouteBuilder MapMetadataApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1.0/metadata", GetMetadata);
        endpoints.MapPut("/v1.0/metadata/{key}", SetMetadata);
        return endpoints;
    }

    private static IResult GetMetadata(MetadataService metadata)
    {
        var snapshot = metadata.Build();
        return Results.Json(new
        {
            id = snapshot.Id,
            runtimeVersion = snapshot.RuntimeVersion,
            enabledFeatures = snapshot.EnabledFeatures,
            actors = snapshot.ActiveActors.Select(a => new { type = a.Type, count = a.Count }),
            components = snapshot.Components.Select(c => new { name = c.Name, type = c.Type, version = c.Version, capabilities = c.Capabilities }),
            extended = snapshot.Extended,
            subscriptions = snapshot.Subscriptions.Select(s => new
            {
                pubsubname = s.PubsubName,
                topic = s.Topic,
                metadata = s.Metadata,
                rules = s.Rules.Select(r => new { match = r.Match, path = r.Path }),
                deadLetterTopic = s.DeadLetterTopic,
                type = s.Type,
            }),
            httpEndpoints = Array.Empty<object>(),
            appConnectionProperties = new
            {
                port = snapshot.AppPort,
                protocol = "http",
                channelAddress = snapshot.AppChannelAddress,
            },
            actorRuntime = new
            {
                runtimeStatus = snapshot.ActorRuntimeStatus,
                activeActors = snapshot.ActiveActors.Select(a => new { type = a.Type, count = a.Count }),
                hostReady = snapshot.ActorHostReady,
                placement = snapshot.Placement,
            },
        });
    }

    private static async Task<IResult> SetMetadata(string key, HttpRequest request, MetadataService metadata)
    {
        using var reader = new StreamReader(request.Body);
        metadata.SetExtended(key, await reader.ReadToEndAsync(request.HttpContext.RequestAborted));
        return Results.NoContent();
    }
}
