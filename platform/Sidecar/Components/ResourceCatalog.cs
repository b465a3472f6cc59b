using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace AmazonScale.Sidecar.Components;

/// <summary>Every resource document in the --resources-path folders that applies to this app id.</summary>
public sealed class ResourceCatalog(IReadOnlyList<RawResource> resources)
{
    public IReadOnlyList<RawResource> All { get; } = resources;

    public IEnumerable<RawResource> OfKind(string kind) =>
        All.Where(r => string.Equals(r.Kind, kind, StringComparison.Ordinal));

    public static ResourceCatalog Load(IReadOnlyList<string> folders, string appId)
    {
        var resources = new List<RawResource>();
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                throw new ComponentException(folder, "resources path does not exist");
            }
            var files = Directory.EnumerateFiles(folder, "*.yaml")
                .Concat(Directory.EnumerateFiles(folder, "*.yml"))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                resources.AddRange(ReadFile(file).Where(r => r.AppliesTo(appId)));
            }
        }
        return new ResourceCatalog(resources);
    }

    private static IEnumerable<RawResource> ReadFile(string file)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            using var reader = File.OpenText(file);
            documents = YamlToJson.ReadDocuments(reader);
        }
        catch (YamlException ex)
        {
            throw new ComponentException(file, $"invalid YAML at line {ex.Start.Line}: {ex.Message}");
        }

        foreach (var document in documents)
        {
            if (document is not JsonObject obj)
            {
                continue;
            }
            var kind = obj["kind"]?.ToString();
            var apiVersion = obj["apiVersion"]?.ToString();
            var name = obj["metadata"]?["name"]?.ToString();
            // daprd skips YAML documents that are not Dapr resources (for example Kubernetes manifests in the same folder).
            if (kind is null || apiVersion is null || !apiVersion.StartsWith("dapr.io/", StringComparison.Ordinal))
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ComponentException(file, $"a {kind} resource has no metadata.name");
            }
            yield return new RawResource(apiVersion, kind, name, obj, file);
        }
    }
}
