using System.Text.Json;

namespace AmazonScale.Hosting.Orchestration;

/// <summary>Reads the fixed http port of a project's launch profile, the one `dotnet run` would use.</summary>
internal static class LaunchSettings
{
    /// <summary>
    /// The port of the first http:// URL of <paramref name="profileName"/>, or by default of the "http" profile (else the
    /// first Project profile); null when none. A named profile must exist and run the project.
    /// </summary>
    public static int? ReadHttpPort(string projectDirectory, string? profileName = null)
    {
        var file = Path.Combine(projectDirectory, "Properties", "launchSettings.json");
        if (!File.Exists(file))
        {
            return profileName is null ? null : throw MissingProfile(profileName, file);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        if (!document.RootElement.TryGetProperty("profiles", out var profiles))
        {
            return profileName is null ? null : throw MissingProfile(profileName, file);
        }

        var candidates = profiles.EnumerateObject()
            .Where(p => p.Value.TryGetProperty("commandName", out var command) && command.GetString() == "Project")
            .Where(p => profileName is null || p.Name == profileName)
            .OrderByDescending(p => p.Name == "http")
            .ToList();
        if (profileName is not null && candidates.Count == 0)
        {
            throw MissingProfile(profileName, file);
        }
        foreach (var profile in candidates)
        {
            if (profile.Value.TryGetProperty("applicationUrl", out var urls) && HttpPort(urls.GetString()) is { } port)
            {
                return port;
            }
        }
        return null;
    }

    private static DistributedApplicationException MissingProfile(string profileName, string file) =>
        new([$"Launch profile '{profileName}' (commandName Project) not found in {file}."]);

    private static int? HttpPort(string? applicationUrls) =>
        applicationUrls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri?.Scheme == Uri.UriSchemeHttp)?.Port;
}
