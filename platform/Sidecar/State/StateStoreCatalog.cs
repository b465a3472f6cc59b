using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.State;

/// <summary>
/// The state components of this sidecar, resolved lazily from the ComponentRegistry (which loads before the
/// API ports open). Answers daprd's lookup errors: none configured, or the named one missing.
/// </summary>
public sealed class StateStoreCatalog(ComponentRegistry registry, Hosting.SidecarOptions options)
{
    private readonly Lazy<IReadOnlyDictionary<string, ConfiguredStateStore>> _stores = new(() => registry.All<IStateStore>()
        .ToDictionary(
            c => c.Resource.Name,
            c => new ConfiguredStateStore(c.Resource.Name, c.Instance, StateKeyPrefix.For(c.Resource, options.AppId, options.Namespace), c.Resource.GetBool("actorStateStore")),
            StringComparer.Ordinal));

    public IReadOnlyCollection<ConfiguredStateStore> All => _stores.Value.Values.ToList();

    public ConfiguredStateStore Resolve(string name)
    {
        var stores = _stores.Value;
        if (stores.Count == 0)
        {
            throw StateErrors.NotConfigured(name).ToException();
        }
        return stores.TryGetValue(name, out var store) ? store : throw StateErrors.NotFound(name).ToException();
    }
}
