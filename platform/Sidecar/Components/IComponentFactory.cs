namespace AmazonScale.Sidecar.Components;

/// <summary>
/// Creates one kind of component (e.g. state.redis v1). Register implementations as singletons in DI;
/// a component whose type no factory supports fails start-up, as in daprd.
/// </summary>
public interface IComponentFactory
{
    bool Supports(string type, string version);

    /// <summary>Connects, migrates and validates metadata; throws ComponentException on bad configuration.</summary>
    Task<object> CreateAsync(ComponentResource resource, CancellationToken cancellationToken);
}
