using System.Collections.Concurrent;
using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.Metadata;

/// <summary>Assembles the metadata snapshot and keeps the extended attributes set through SetMetadata.</summary>
public sealed class MetadataService(
    Hosting.SidecarOptions options,
    Hosting.DaprConfiguration configuration,
    ComponentRegistry components,
    IEnumerable<IMetadataContributor> contributors)
{
    /// <summary>Reported as runtimeVersion; says plainly that this is the stand-in, not daprd.</summary>
    public const string RuntimeVersion = "1.19.0-local-sidecar";

    private readonly ConcurrentDictionary<string, string> _extended = new(StringComparer.Ordinal);

    public void SetExtended(string key, string value) => _extended[key] = value;

    public MetadataSnapshot Build()
    {
        var snapshot = new MetadataSnapshot
        {
            Id = options.AppId,
            RuntimeVersion = RuntimeVersion,
            AppPort = options.AppPort,
            AppChannelAddress = options.AppChannelAddress,
        };
        snapshot.EnabledFeatures.AddRange(configuration.EnabledFeatures.Order(StringComparer.Ordinal));
        foreach (var resource in components.Loaded)
        {
            var capabilities = components.Instance(resource.Name) is IComponentCapabilities c ? c.Capabilities : [];
            snapshot.Components.Add(new ComponentMetadata(resource.Name, resource.Type, resource.Version, capabilities));
        }
        snapshot.Extended["daprRuntimeVersion"] = RuntimeVersion;
        foreach (var (key, value) in _extended)
        {
            snapshot.Extended[key] = value;
        }
        foreach (var contributor in contributors)
        {
            contributor.Contribute(snapshot);
        }
        return snapshot;
    }
}
