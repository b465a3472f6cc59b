using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.Discovery;
using AmazonScale.Sidecar.Invocation;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Sidecar.PubSub.Components.InMemory;

/// <summary>Creates pubsub.in-memory (v1) components: machine-wide, non-durable delivery through the local registry.</summary>
public sealed class LocalPubSubFactory(
    Hosting.SidecarOptions options,
    LocalRegistry registry,
    PeerAuthentication peers,
    IHttpClientFactory clients,
    TimeProvider time,
    ILoggerFactory loggers) : IComponentFactory
{
    public bool Supports(string type, string version) => type == "pubsub.in-memory" && version == "v1";

    public Task<object> CreateAsync(ComponentResource resource, CancellationToken cancellationToken) =>
        Task.FromResult<object>(new LocalPubSub(resource.Name, ConsumerGroup.Resolve(resource, options.AppId), registry, peers, clients.CreateClient(InvocationForwarder.PeerClientName), time, loggers.CreateLogger<LocalPubSub>()));
}
