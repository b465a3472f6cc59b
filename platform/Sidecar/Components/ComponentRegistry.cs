using System.Text.Json.Nodes;
using AmazonScale.Sidecar.Components.Secrets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AmazonScale.Sidecar.Components;

/// <summary>
/// Loads every Component of the resources path before the API ports open (IHostedLifecycleService.StartingAsync
/// runs before Kestrel starts), so no request can see a half-initialised sidecar. Unknown types and bad
/// metadata stop the process with a message naming the file, as daprd does.
/// </summary>
public sealed partial class ComponentRegistry(
    ResourceCatalog catalog,
    IEnumerable<IComponentFactory> factories,
    ILogger<ComponentRegistry> logger) : IHostedLifecycleService, IAsyncDisposable
{
    private readonly Dictionary<string, (ComponentResource Resource, object Instance)> _components = new(StringComparer.Ordinal);

    public IReadOnlyList<ComponentResource> Loaded => _components.Values.Select(c => c.Resource).ToList();

    public T? Find<T>(string name) where T : class =>
        _components.TryGetValue(name, out var entry) ? entry.Instance as T : null;

    public IEnumerable<(ComponentResource Resource, T Instance)> All<T>() where T : class =>
        _components.Values.Where(c => c.Instance is T).Select(c => (c.Resource, (T)c.Instance));

    public object? Instance(string name) => _components.TryGetValue(name, out var entry) ? entry.Instance : null;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var definitions = catalog.OfKind("Component").ToList();
        var duplicate = definitions.GroupBy(d => d.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ComponentException(duplicate.Last().SourceFile, $"component name '{duplicate.Key}' is defined more than once");
        }

        // Secret stores first: other components may take metadata values from them.
        var ordered = definitions.OrderBy(d => TypeOf(d).StartsWith("secretstores.", StringComparison.Ordinal) ? 0 : 1);
        foreach (var definition in ordered)
        {
            var resource = await ResolveAsync(definition, cancellationToken);
            var factory = factories.FirstOrDefault(f => f.Supports(resource.Type, resource.Version));
            if (factory is null)
            {
                Fail(resource, $"component type {resource.Type}/{resource.Version} is not supported by this sidecar");
                continue;
            }
            try
            {
                var instance = await factory.CreateAsync(resource, cancellationToken);
                _components[resource.Name] = (resource, instance);
                LogLoaded(resource.Name, resource.Type, resource.Version);
            }
            catch (Exception ex) when (ex is not ComponentException && ex is not OperationCanceledException)
            {
                Fail(resource, $"initialisation failed: {ex.Message}", ex);
            }
            catch (ComponentException ex) when (resource.IgnoreErrors)
            {
                LogIgnored(resource.Name, ex.Message);
            }
        }
    }

    private void Fail(ComponentResource resource, string message, Exception? inner = null)
    {
        if (resource.IgnoreErrors)
        {
            LogIgnored(resource.Name, message);
            return;
        }
        throw new ComponentException(resource, message, inner);
    }

    private static string TypeOf(RawResource definition) => definition.Spec["type"]?.ToString() ?? "";

    private async Task<ComponentResource> ResolveAsync(RawResource definition, CancellationToken cancellationToken)
    {
        var spec = definition.Spec;
        var type = TypeOf(definition);
        if (type.Length == 0 || !type.Contains('.'))
        {
            throw new ComponentException(definition.SourceFile, $"component '{definition.Name}' has no spec.type of the form <block>.<name>");
        }
        var version = spec["version"]?.ToString() is { Length: > 0 } v ? v : "v1";
        var secretStoreName = definition.Document["auth"]?["secretStore"]?.ToString();
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (spec["metadata"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                var name = item["name"]?.ToString();
                if (string.IsNullOrEmpty(name))
                {
                    throw new ComponentException(definition.SourceFile, $"component '{definition.Name}' has a metadata item without a name");
                }
                metadata[name] = await ResolveValueAsync(definition, item, secretStoreName, cancellationToken);
            }
        }
        return new ComponentResource(definition.Name, type, version, metadata, spec["ignoreErrors"]?.GetValue<bool>() ?? false, definition.SourceFile);
    }

    private async Task<string> ResolveValueAsync(RawResource definition, JsonObject item, string? secretStoreName, CancellationToken cancellationToken)
    {
        if (item["envRef"]?.ToString() is { } envName)
        {
            return Environment.GetEnvironmentVariable(envName) ?? "";
        }
        if (item["secretKeyRef"] is JsonObject secretRef)
        {
            var secretName = secretRef["name"]?.ToString() ?? "";
            var key = secretRef["key"]?.ToString() is { Length: > 0 } k ? k : secretName;
            var store = secretStoreName is null ? null : Find<ISecretStore>(secretStoreName);
            if (store is null)
            {
                throw new ComponentException(definition.SourceFile,
                    $"component '{definition.Name}' uses secretKeyRef but auth.secretStore '{secretStoreName}' is not a loaded secret store");
            }
            var secret = await store.GetSecretAsync(secretName, cancellationToken);
            return secret is not null && secret.TryGetValue(key, out var value)
                ? value
                : throw new ComponentException(definition.SourceFile, $"component '{definition.Name}': secret '{secretName}' key '{key}' not found in '{secretStoreName}'");
        }
        return item["value"] switch
        {
            null => "",
            JsonValue scalar => scalar.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.String => scalar.GetValue<string>(),
                System.Text.Json.JsonValueKind.True => "true",
                System.Text.Json.JsonValueKind.False => "false",
                _ => scalar.ToJsonString(),
            },
            var structured => structured.ToJsonString(),
        };
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, instance) in _components.Values)
        {
            if (instance is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
            else if (instance is IDisposable syncDisposable)
            {
                syncDisposable.Dispose();
            }
        }
        _components.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Component loaded: {Name} ({Type}/{Version})")]
    private partial void LogLoaded(string name, string type, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring component {Name} (ignoreErrors: true): {Reason}")]
    private partial void LogIgnored(string name, string reason);
}
