using AmazonScale.Hosting.Dapr;

namespace AmazonScale.Hosting.ApplicationModel;

/// <summary>The daprd (or stand-in) process next to a project, named &lt;app&gt;-dapr; one per project replica.</summary>
public sealed class DaprSidecarResource(ProjectResource app, DaprSidecarOptions options, DaprComponentsResource components)
    : Resource(app.Name + "-dapr")
{
    public override string Type => "Sidecar";

    public ProjectResource App { get; } = app;

    public DaprSidecarOptions Options { get; } = options;

    public DaprComponentsResource Components { get; } = components;

    public string AppId => Options.AppId ?? App.Name;
}
