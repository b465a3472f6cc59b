using YamlDotNet.RepresentationModel;

namespace AmazonScale.Hosting.Tests;

/// <summary>Reads YAML documents as navigable nodes (tests only look values up by path).</summary>
internal static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    public static string Scalar(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            current = ((YamlMappingNode)current).Children[new YamlScalarNode(key)];
        }
        return ((YamlScalarNode)current).Value!;
    }

    public static IEnumerable<YamlMappingNode> Sequence(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            current = ((YamlMappingNode)current).Children[new YamlScalarNode(key)];
        }
        return ((YamlSequenceNode)current).Children.Cast<YamlMappingNode>();
    }

    /// <summary>A Dapr component's spec.metadata as name → value.</summary>
    public static Dictionary<string, string> ComponentMetadata(this YamlMappingNode component) =>
        component.Sequence("spec", "metadata").ToDictionary(item => item.Scalar("name"), item => item.Scalar("value"));
}
