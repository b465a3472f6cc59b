using System.Text.RegularExpressions;

namespace AmazonScale.Hosting.ApplicationModel;

/// <summary>Resource names become env var segments, Dapr app ids and service names, so they must stay kebab-case.</summary>
public static partial class ResourceName
{
    public const int MaxLength = 63;

    public static string Validate(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > MaxLength || !KebabCase().IsMatch(name))
        {
            throw new ArgumentException(
                $"Resource name '{name}' must be kebab-case (a-z, 0-9, '-'), start with a letter and be at most {MaxLength} characters.",
                nameof(name));
        }
        return name;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*\\z")]
    private static partial Regex KebabCase();
}
