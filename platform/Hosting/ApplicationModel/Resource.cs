namespace AmazonScale.Hosting.ApplicationModel;

/// <summary>
/// Something the AppHost runs or provides. Holds only what the app model declares; everything decided
/// at run time (ports, pids, state) lives in the orchestrator's instances.
/// </summary>
public abstract class Resource
{
    protected Resource(string name)
    {
        Name = ResourceName.Validate(name);
    }

    /// <summary>Kebab-case; for projects also the Dapr app id and OTEL_SERVICE_NAME.</summary>
    public string Name { get; }

    /// <summary>The dashboard's resource type: "Project", "Executable", "Sidecar" or "Component".</summary>
    public abstract string Type { get; }

    /// <summary>Variables added on top of the injected contract (later values win).</summary>
    public IDictionary<string, string> Environment { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Resources whose address this one receives (services__*, ConnectionStrings__*, component placeholders).</summary>
    public IList<Resource> References { get; } = [];

    /// <summary>Resources that must be Running and healthy before this one starts.</summary>
    public IList<Resource> WaitsFor { get; } = [];

    /// <summary>Path probed over HTTP on the resource's endpoint; null means "running is healthy".</summary>
    public string? HealthCheckPath { get; set; }

    public int Replicas { get; set; } = 1;

    public override string ToString() => $"{Type} {Name}";
}
