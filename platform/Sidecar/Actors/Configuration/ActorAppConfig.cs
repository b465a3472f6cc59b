using System.Text.Json;
using AmazonScale.Sidecar.Actors.Timing;

namespace AmazonScale.Sidecar.Actors.Configuration;

/// <summary>
/// The actor part of an app's GET /dapr/config: hosted types with their settings, and the scan interval.
/// Unparseable durations fall back to daprd's defaults, as daprd logs and continues.
/// </summary>
public sealed record ActorAppConfig(IReadOnlyDictionary<string, ActorTypeSettings> Types, TimeSpan ScanInterval)
{
    public static readonly TimeSpan DefaultScanInterval = TimeSpan.FromSeconds(30);

    public static ActorAppConfig Empty { get; } = new(new Dictionary<string, ActorTypeSettings>(StringComparer.Ordinal), DefaultScanInterval);

    public static ActorAppConfig Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Empty;
        }
        var defaults = ReadSettings(root, ActorTypeSettings.Default);
        var types = new Dictionary<string, ActorTypeSettings>(StringComparer.Ordinal);
        foreach (var entity in Strings(Property(root, "entities")))
        {
            types[entity] = defaults;
        }
        if (Property(root, "entitiesConfig") is { ValueKind: JsonValueKind.Array } overrides)
        {
            foreach (var entry in overrides.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
            {
                var settings = ReadSettings(entry, defaults);
                foreach (var entity in Strings(Property(entry, "entities")).Where(types.ContainsKey))
                {
                    types[entity] = settings;
                }
            }
        }
        var scan = Duration(Property(root, "actorScanInterval")) ?? DefaultScanInterval;
        return new ActorAppConfig(types, scan > TimeSpan.Zero ? scan : DefaultScanInterval);
    }

    private static ActorTypeSettings ReadSettings(JsonElement element, ActorTypeSettings fallback)
    {
        var reentrancy = Property(element, "reentrancy");
        var idle = Duration(Property(element, "actorIdleTimeout"));
        var drain = Duration(Property(element, "drainOngoingCallTimeout"));
        return new ActorTypeSettings(
            idle is { } i && i > TimeSpan.Zero ? i : fallback.IdleTimeout,
            drain is { } d && d >= TimeSpan.Zero ? d : fallback.DrainOngoingCallTimeout,
            Property(element, "drainRebalancedActors") is { ValueKind: JsonValueKind.True or JsonValueKind.False } rebalance
                ? rebalance.GetBoolean() : fallback.DrainRebalancedActors,
            reentrancy is { ValueKind: JsonValueKind.Object } && Property(reentrancy.Value, "enabled") is { ValueKind: JsonValueKind.True or JsonValueKind.False } enabled
                ? enabled.GetBoolean() : fallback.ReentrancyEnabled,
            reentrancy is { ValueKind: JsonValueKind.Object } && Property(reentrancy.Value, "maxStackDepth") is { ValueKind: JsonValueKind.Number } depth
                && depth.TryGetInt32(out var maxDepth) && maxDepth > 0 ? maxDepth : fallback.MaxStackDepth);
    }

    /// <summary>daprd reads the JSON case-insensitively (Go's encoding/json).</summary>
    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }

    private static IEnumerable<string> Strings(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(s => s.Length > 0)
            : [];

    private static TimeSpan? Duration(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.String } text && GoDuration.TryParse(text.GetString()!, out var span) ? span : null;
}
