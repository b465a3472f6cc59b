using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.State;

/// <summary>
/// daprd's keyPrefix strategy (pkg/components/state/state_config.go): the stored key is "&lt;prefix&gt;||&lt;key&gt;"
/// with the prefix chosen by component metadata keyPrefix = appid (default) | name | namespace | none | a literal.
/// </summary>
public sealed class StateKeyPrefix
{
    public const string Separator = "||";

    private readonly string _prefix;

    private StateKeyPrefix(string prefix) => _prefix = prefix;

    public static StateKeyPrefix For(ComponentResource component, string appId, string? @namespace)
    {
        var strategy = component.Get("keyPrefix") ?? "appid";
        var prefix = strategy.ToLowerInvariant() switch
        {
            "appid" => appId,
            "name" => component.Name,
            "namespace" => @namespace is { Length: > 0 } ns ? $"{ns}.{appId}" : appId,
            "none" => "",
            _ => strategy,
        };
        if (prefix.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ComponentException(component, $"keyPrefix '{prefix}' must not contain '{Separator}'");
        }
        return new StateKeyPrefix(prefix);
    }

    /// <summary>The key as stored; keys containing "||" are rejected so one app cannot reach another's keys.</summary>
    public string Apply(string key)
    {
        if (key.Contains(Separator, StringComparison.Ordinal))
        {
            throw StateErrors.InvalidKey(key, $"input key/keyPrefix '{key}' can't contain '{Separator}'").ToException();
        }
        return _prefix.Length == 0 ? key : _prefix + Separator + key;
    }
}
