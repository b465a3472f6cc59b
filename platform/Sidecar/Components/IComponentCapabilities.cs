namespace AmazonScale.Sidecar.Components;

/// <summary>Reported in the metadata API's registered_components[].capabilities, as daprd does.</summary>
public interface IComponentCapabilities
{
    IReadOnlyList<string> Capabilities { get; }
}
