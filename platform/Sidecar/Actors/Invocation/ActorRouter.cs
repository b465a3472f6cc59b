using System.Net;
using System.Net.Sockets;
using AmazonScale.Sidecar.Actors.Configuration;
using AmazonScale.Sidecar.Actors.Placement;
using AmazonScale.Sidecar.Actors.Runtime;
using AmazonScale.Sidecar.Discovery;

namespace AmazonScale.Sidecar.Actors.Invocation;

/// <summary>
/// Sends an actor call to the actor's owner: this sidecar's app when placement says so, otherwise the
/// owning sidecar's private endpoint. When the owner is unreachable (it died) or answers that it no
/// longer owns the actor (membership moved), the registry is re-read and the call re-routed until the
/// failover window ends; a call is only replayed when it never reached an app. Calls to an actor wait while the
/// hosts disagree on its owner (some have not applied the membership that moved it), so two sidecars never both activate it.
/// </summary>
public sealed class ActorRouter(
    ActorPlacement placement,
    ActorInvoker invoker,
    HostedActorTypes hosted,
    PeerAuthentication peers,
    IHttpClientFactory clients,
    TimeProvider time)
{
    /// <summary>Header a sidecar sets on a peer call it refuses because it does not own the actor (any more).</summary>
    public const string NotOwnerHeader = "x-dapr-local-actor-not-owner";

    /// <summary>A dead sidecar leaves the registry within its heartbeat timeout (5 s); wait a bit longer.</summary>
    private static readonly TimeSpan FailoverWindow = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Hosts agree once each has drained the actors it gave away (at most the app's drainOngoingCallTimeout, 2 s by
    /// default) and re-read the registry; the rest is headroom for a loaded machine. A host that died leaves the
    /// registry within its heartbeat timeout, after which the survivors agree without it.
    /// </summary>
    private static readonly TimeSpan AgreementWindow = TimeSpan.FromSeconds(20);

    /// <summary>daprd waits this long for placement to know a host of the type (e.g. while its app still starts).</summary>
    private static readonly TimeSpan LookupWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    public async Task<HttpResponseMessage> InvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var deadline = started + FailoverWindow;
        while (true)
        {
            if (!placement.IsSettledFor(call.Actor))
            {
                if (time.GetUtcNow() >= started + AgreementWindow)
                {
                    throw ActorErrors.InvokeMethod($"actor {call.Actor} could not be reached: the actor hosts did not agree on placement").ToException();
                }
                placement.Refresh();
                await Task.Delay(RetryDelay, time, cancellationToken);
                // Failing over to a dead owner gets its full window once the hosts agree.
                deadline = time.GetUtcNow() + FailoverWindow;
                continue;
            }
            var owner = placement.OwnerOf(call.Actor);
            if (owner is null)
            {
                if (time.GetUtcNow() - started >= LookupWindow)
                {
                    throw ActorErrors.NoHost(call.Actor).ToException();
                }
                placement.Refresh();
                await Task.Delay(RetryDelay, time, cancellationToken);
                continue;
            }
            if (owner.InstanceId == placement.SelfInstanceId)
            {
                return await invoker.InvokeAsync(call.Actor, call.ReentrancyId, call.ToAppRequest, cancellationToken);
            }

            var reason = await TryPeerAsync(owner, call, cancellationToken);
            if (reason.Response is { } response)
            {
                return response;
            }
            placement.Refresh();
            if (time.GetUtcNow() >= deadline)
            {
                throw ActorErrors.InvokeMethod($"actor {call.Actor} could not be reached: {reason.Failure}").ToException();
            }
            await Task.Delay(RetryDelay, time, cancellationToken);
        }
    }

    /// <summary>Handles a call another sidecar routed here; refuses it when this sidecar does not own the actor (or placement is moving).</summary>
    public async Task<HttpResponseMessage> DeliverFromPeerAsync(ActorCall call, CancellationToken cancellationToken)
    {
        if (!hosted.Hosts(call.Actor.Type) || !placement.IsSettledFor(call.Actor) || !placement.IsOwnedHere(call.Actor))
        {
            placement.Refresh();
            var refused = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new ByteArrayContent([]) };
            refused.Headers.TryAddWithoutValidation(NotOwnerHeader, "true");
            return refused;
        }
        return await invoker.InvokeAsync(call.Actor, call.ReentrancyId, call.ToAppRequest, cancellationToken);
    }

    private async Task<(HttpResponseMessage? Response, string Failure)> TryPeerAsync(SidecarInstance owner, ActorCall call, CancellationToken cancellationToken)
    {
        using var request = call.ToPeerRequest(new Uri($"http://127.0.0.1:{owner.HttpPort}/"));
        request.Headers.TryAddWithoutValidation(PeerAuthentication.HeaderName, peers.Key);
        try
        {
            var response = await clients.CreateClient(Sidecar.Invocation.InvocationForwarder.PeerClientName)
                .SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.Headers.Contains(NotOwnerHeader))
            {
                response.Dispose();
                return (null, $"sidecar {owner.InstanceId} no longer owns it");
            }
            return (response, "");
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException)
        {
            return (null, $"sidecar {owner.InstanceId} is unreachable ({ex.Message})");
        }
    }
}
