namespace AmazonScale.Hosting.Orchestration;

/// <summary>The layout of a run folder (under the temp directory, deleted on shutdown).</summary>
public sealed record RunPaths(string Root)
{
    /// <summary>The profile's component YAML with server addresses filled in; every sidecar's --resources-path.</summary>
    public string Components => Path.Combine(Root, "components");

    /// <summary>DAPR_LOCAL_REGISTRY: where the stand-in sidecars of this run find each other.</summary>
    public string Registry => Path.Combine(Root, "registry");

    /// <summary>Working directory of every sidecar, so relative paths in component YAML (local SQLite file) land here.</summary>
    public string SidecarWorkingDirectory => Root;

    public string DataOf(string instanceName) => Path.Combine(Root, "data", instanceName);
}
