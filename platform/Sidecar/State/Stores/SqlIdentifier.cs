using System.Text.RegularExpressions;
using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>Table names come from metadata and are spliced into SQL, so only plain (optionally schema-qualified) identifiers pass.</summary>
public static partial class SqlIdentifier
{
    public static string Get(ComponentResource resource, string name, string fallback)
    {
        var value = resource.Get(name) ?? fallback;
        return Plain().IsMatch(value) ? value : throw new ComponentException(resource, $"metadata '{name}' value '{value}' must be a plain SQL identifier (letters, digits, _ and an optional schema.)");
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex Plain();
}
