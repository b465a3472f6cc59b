using System.Text.RegularExpressions;

namespace AmazonScale.Hosting.Dapr;

/// <summary>
/// Writes the run's copy of a component profile: every YAML file with <c>{{name.key}}</c> placeholders
/// replaced (e.g. <c>{{redis.address}}</c> → 127.0.0.1:40123). Sidecars load the copy, the repository stays untouched.
/// </summary>
public static partial class ComponentsMaterializer
{
    /// <summary>Copies the *.yaml / *.yml files of <paramref name="sourceDirectory"/> into <paramref name="targetDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">A placeholder has no value: the profile needs a server the app model lacks.</exception>
    public static void Materialize(string sourceDirectory, string targetDirectory, IReadOnlyDictionary<string, string> values)
    {
        Directory.CreateDirectory(targetDirectory);
        var files = Directory.EnumerateFiles(sourceDirectory)
            .Where(file => file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase));
        foreach (var file in files)
        {
            var text = Placeholder().Replace(File.ReadAllText(file), match =>
                values.TryGetValue(match.Groups["key"].Value, out var value)
                    ? value
                    : throw new InvalidOperationException(
                        $"{Path.GetFileName(file)} uses {match.Value}, but no resource provides it (known: {string.Join(", ", values.Keys)})."));
            File.WriteAllText(Path.Combine(targetDirectory, Path.GetFileName(file)), text);
        }
    }

    /// <summary>The placeholder values one server offers.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ValuesOf(string resourceName, int port, string? connectionString)
    {
        yield return new($"{resourceName}.address", $"127.0.0.1:{port}");
        if (connectionString is not null)
        {
            yield return new($"{resourceName}.connectionString", connectionString);
        }
    }

    [GeneratedRegex(@"\{\{\s*(?<key>[a-z][a-z0-9-]*\.[A-Za-z]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
