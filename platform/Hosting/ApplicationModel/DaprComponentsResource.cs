namespace AmazonScale.Hosting.ApplicationModel;

/// <summary>
/// The Dapr component YAML of one profile (components/&lt;profile&gt;). At run time the folder is copied to the
/// run folder with <c>{{&lt;resource&gt;.address}}</c> / <c>{{&lt;resource&gt;.connectionString}}</c> placeholders
/// replaced by the servers the AppHost started; sidecars load that copy.
/// </summary>
public sealed class DaprComponentsResource(string name, string profile, string sourceDirectory) : Resource(name)
{
    public override string Type => "Component";

    public string Profile { get; } = profile;

    /// <summary>Absolute path of components/&lt;profile&gt;.</summary>
    public string SourceDirectory { get; } = sourceDirectory;
}
