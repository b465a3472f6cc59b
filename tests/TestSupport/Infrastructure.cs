using Xunit;

namespace AmazonScale.TestSupport;

/// <summary>
/// Tests that need an external binary (redis-server, postgres, node) skip with a message when it is
/// missing on a developer machine, but fail when CI=true: CI must never go green by skipping.
/// </summary>
public static class Infrastructure
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the full path of <paramref name="binary"/> or skips/fails the test.</summary>
    public static string Require(string binary, string installHint, params string[] extraSearchFolders)
    {
        var found = Find(binary, extraSearchFolders);
        if (found is not null)
        {
            return found;
        }
        var message = $"{binary} is not installed ({installHint}).";
        if (IsCi)
        {
            throw new InvalidOperationException("CI=true and required infrastructure is missing: " + message);
        }
        Skip.If(true, message);
        return null!;
    }

    public static string? Find(string binary, params string[] extraSearchFolders)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator).Concat(extraSearchFolders))
        {
            var candidate = Path.Combine(folder, binary);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
