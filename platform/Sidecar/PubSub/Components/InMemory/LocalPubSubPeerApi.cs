using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.Discovery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Sidecar.PubSub.Components.InMemory;

/// <summary>
/// The private endpoint through which a publishing sidecar hands a pubsub.in-memory message to this one
/// (guarded by the peer key, like /_local/invoke). 202 = queued for delivery, 404 = not consumed here.
/// </summary>
public static class LocalPubSubPeerApi
{
    private const string Prefix = PeerAuthentication.PathPrefix + "/pubsub";

    public static string PathFor(string pubsubName) => $"{Prefix}/{Uri.EscapeDataString(pubsubName)}";

    public static IEndpointRouteBuilder MapLocalPubSubPeerApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Prefix + "/{pubsub}", Receive);
        return endpoints;
    }

    private static IResult Receive(string pubsub, LocalPubSubEnvelope envelope, ComponentRegistry components)
    {
        var local = components.Find<LocalPubSub>(pubsub);
        var message = new PubSubMessage(envelope.Topic, envelope.Data, envelope.ContentType, envelope.Metadata);
        return local is not null && local.Accept(message) ? TypedResults.Accepted((string?)null) : TypedResults.NotFound();
    }
}
