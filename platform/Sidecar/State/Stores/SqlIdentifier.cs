using System.Text.RegularExpressions;
using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.State.Stores;

/// <summary>Table names come from metadata and are spliced into SQL, so only plain (optionally schema-qualified) identifiers pass.</summary>
public static partial class SqlIdentifier
{
    public static string Get(ComponentResource resource, string name, string fallback) =>
        Validate(resource, name, resource.Get(name) ?? fallback);

    /// <summary>Returns <paramref name="identifier"/> when it is a plain identifier, else fails naming the metadata item it came from.</summary>
    public static string Validate(ComponentResource resource, string name, string identifier) =>
        Plain().IsMatch(identifier) ? identifier
        : throw new ComponentException(resource, $"metadata '{name}' gives '{identifier}', which must be a plain SQL identifier (letters, digits, _ and an optional schema.)");

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?\z")]
    private static partial Regex Plain();
}
