namespace AmazonScale.Hosting;

/// <summary>Which program runs next to each app: the repository's stand-in sidecar or a real daprd from PATH.</summary>
public enum SidecarKind
{
    Standalone,
    Daprd,
}
