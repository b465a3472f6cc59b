using AmazonScale.Sidecar.Components;
using Microsoft.Extensions.Hosting;

namespace AmazonScale.Sidecar.State;

/// <summary>
/// The state components of this sidecar, built from the ComponentRegistry right after it has loaded (both run
/// in StartingAsync, before the API ports open, in registration order), so a bad keyPrefix stops start-up.
/// Answers daprd's lookup errors: none configured, or the named one missing.
/// </summary>
public sealed class StateStoreCatalog(ComponentRegistry registry, Hosting.SidecarOptions options) : IHostedLifecycleService
{
    private readonly Lazy<IReadOnlyDictionary<string, ConfiguredStateStore>> _stores = new(() => Build(registry, options));

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

    /// <summary>Like daprd, a second component with actorStateStore: "true" is a start-up error.</summary>
    private static Dictionary<string, ConfiguredStateStore> Build(ComponentRegistry registry, Hosting.SidecarOptions options)
    {
        var stores = new Dictionary<string, ConfiguredStateStore>(StringComparer.Ordinal);
        foreach (var (resource, store) in registry.All<IStateStore>())
        {
            var isActorStore = resource.GetBool("actorStateStore");
            if (isActorStore && stores.Values.FirstOrDefault(s => s.IsActorStateStore) is { } existing)
            {
                throw new ComponentException(resource, $"detected duplicate actor state store: '{existing.Name}' already has actorStateStore: \"true\"");
            }
            stores[resource.Name] = new ConfiguredStateStore(resource.Name, store, StateKeyPrefix.For(resource, options.AppId, options.Namespace), isActorStore);
        }
        return stores;
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _ = _stores.Value;
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
