namespace AmazonScale.Sidecar.Components;

/// <summary>A loaded dapr.io/v1alpha1 Component with its metadata values already resolved (envRef, secretKeyRef).</summary>
/// <param name="Type">"&lt;building block&gt;.&lt;name&gt;", e.g. state.redis.</param>
/// <param name="Metadata">Names are matched case-insensitively, as the components do.</param>
public sealed record ComponentResource(
    string Name,
    string Type,
    string Version,
    IReadOnlyDictionary<string, string> Metadata,
    bool IgnoreErrors,
    string SourceFile)
{
    public string BuildingBlock => Type.Split('.', 2)[0];

    public string? Get(string name) => Metadata.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string Require(string name) =>
        Get(name) ?? throw new ComponentException(this, $"metadata '{name}' is required");

    public bool GetBool(string name, bool fallback = false) =>
        Get(name) is { } text ? text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1" || text.Equals("yes", StringComparison.OrdinalIgnoreCase) : fallback;
}
