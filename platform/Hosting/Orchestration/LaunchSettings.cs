using System.Text.Json;

namespace AmazonScale.Hosting.Orchestration;

/// <summary>Reads the fixed http port of a project's launch profile, the one `dotnet run` would use.</summary>
internal static class LaunchSettings
{
    /// <summary>The port of the first http:// URL of the "http" profile (else the first Project profile); null when none.</summary>
    public static int? ReadHttpPort(string projectDirectory)
    {
        var file = Path.Combine(projectDirectory, "Properties", "launchSettings.json");
        if (!File.Exists(file))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        if (!document.RootElement.TryGetProperty("profiles", out var profiles))
        {
            return null;
        }

        var candidates = profiles.EnumerateObject()
            .Where(p => p.Value.TryGetProperty("commandName", out var command) && command.GetString() == "Project")
            .OrderByDescending(p => p.Name == "http");
        foreach (var profile in candidates)
        {
            if (profile.Value.TryGetProperty("applicationUrl", out var urls) && HttpPort(urls.GetString()) is { } port)
            {
                return port;
            }
        }
        return null;
    }

    private static int? HttpPort(string? applicationUrls) =>
        applicationUrls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri?.Scheme == Uri.UriSchemeHttp)?.Port;
}
