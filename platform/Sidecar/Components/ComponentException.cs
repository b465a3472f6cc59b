namespace AmazonScale.Sidecar.Components;

/// <summary>A component that cannot be loaded; start-up fails with the file, name and type in the message.</summary>
public sealed class ComponentException : Exception
{
    public ComponentException(string sourceFile, string message) : base($"{sourceFile}: {message}")
    {
    }

    public ComponentException(ComponentResource component, string message, Exception? inner = null)
        : base($"{component.SourceFile}: component '{component.Name}' ({component.Type}/{component.Version}): {message}", inner)
    {
    }
}
