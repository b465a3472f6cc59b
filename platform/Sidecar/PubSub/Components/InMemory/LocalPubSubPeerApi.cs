using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.Discovery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Sidecar.PubSub.Components.InMemory;

/// <summary>
/// The private endpoint through which a publishing sidecar hands pubsub.in-memory messages of one topic to this one
/// (a JSON array: one for a publish, many for a bulk publish; guarded by the peer key, like /_local/invoke).
/// 202 = queued for delivery, 404 = not consumed here, 400 = no messages or more than one topic.
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

    private static IResult Receive(string pubsub, LocalPubSubEnvelope[] envelopes, ComponentRegistry components)
    {
        if (envelopes.Length == 0 || envelopes.Any(envelope => envelope.Topic != envelopes[0].Topic))
        {
            return TypedResults.BadRequest();
        }
        var local = components.Find<LocalPubSub>(pubsub);
        var messages = envelopes.Select(envelope => new PubSubMessage(envelope.Topic, envelope.Data, envelope.ContentType, envelope.Metadata)).ToList();
        return local is not null && local.Accept(messages) ? TypedResults.Accepted((string?)null) : TypedResults.NotFound();
    }
}
