using System.Text.RegularExpressions;

namespace AmazonScale.Orchestrations.Engine;

/// <summary>Instance ids become actor ids and URL segments: letters, digits and - _ . : only, at most 256 characters.</summary>
public static partial class InstanceIds
{
    public const int MaxLength = 256;

    public static bool IsValid(string? instanceId) => instanceId is { Length: > 0 and <= MaxLength } && Allowed().IsMatch(instanceId);

    public static void Validate(string instanceId)
    {
        if (!IsValid(instanceId))
        {
            throw new ArgumentException($"invalid workflow instance id '{instanceId}': use 1-{MaxLength} letters, digits, '-', '_', '.' or ':'", nameof(instanceId));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]+\\z")]
    private static partial Regex Allowed();
}
