using System.Text.Json.Nodes;

namespace AmazonScale.Sidecar.Components;

/// <summary>Any resource document found in --resources-path (Component, Subscription, Resiliency, ...).</summary>
public sealed record RawResource(string ApiVersion, string Kind, string Name, JsonObject Document, string SourceFile)
{
    public JsonObject Spec => Document["spec"] as JsonObject ?? [];

    public IReadOnlyList<string> Scopes =>
        Document["scopes"] is JsonArray scopes ? scopes.Select(s => s?.ToString() ?? "").Where(s => s.Length > 0).ToList() : [];

    public bool AppliesTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);
}
