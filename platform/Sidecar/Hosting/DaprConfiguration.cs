using System.Text.Json.Nodes;
using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.Hosting;

/// <summary>
/// The parts of a dapr.io/v1alpha1 Configuration (--config) this sidecar acts on: preview features
/// (e.g. ActorStateTTL) and the tracing sampling rate. Other sections are accepted and ignored.
/// </summary>
public sealed record DaprConfiguration(IReadOnlySet<string> EnabledFeatures, double SamplingRate)
{
    public static DaprConfiguration Default { get; } = new(new HashSet<string>(), 1.0);

    public bool IsEnabled(string feature) => EnabledFeatures.Contains(feature);

    public static DaprConfiguration Load(string? path)
    {
        if (path is null)
        {
            return Default;
        }
        if (!File.Exists(path))
        {
            throw new SidecarOptionsException($"--config file '{path}' does not exist.");
        }
        using var reader = File.OpenText(path);
        var document = YamlToJson.ReadDocuments(reader).OfType<JsonObject>()
            .FirstOrDefault(d => d["kind"]?.ToString() == "Configuration")
            ?? throw new SidecarOptionsException($"--config file '{path}' holds no Configuration resource.");

        var features = new HashSet<string>(StringComparer.Ordinal);
        if (document["spec"]?["features"] is JsonArray list)
        {
            foreach (var feature in list.OfType<JsonObject>())
            {
                if (feature["enabled"]?.GetValueKind() == System.Text.Json.JsonValueKind.True && feature["name"]?.ToString() is { } name)
                {
                    features.Add(name);
                }
            }
        }
        var samplingText = document["spec"]?["tracing"]?["samplingRate"]?.ToString();
        var samplingRate = double.TryParse(samplingText, System.Globalization.CultureInfo.InvariantCulture, out var rate) ? rate : 1.0;
        return new DaprConfiguration(features, samplingRate);
    }
}
