using AmazonScale.Hosting.Dapr;

namespace AmazonScale.Hosting.ApplicationModel;

/// <summary>The Aspire-shaped fluent API of the app model.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> other) where T : Resource
    {
        AddOnce(builder.Resource.References, other.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> other) where T : Resource
    {
        if (ReferenceEquals(builder.Resource, other.Resource))
        {
            throw new InvalidOperationException($"{builder.Resource.Name} cannot wait for itself.");
        }
        AddOnce(builder.Resource.WaitsFor, other.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path = "/health") where T : Resource
    {
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException("A health check path starts with '/'.", nameof(path));
        }
        builder.Resource.HealthCheckPath = path;
        return builder;
    }

    public static IResourceBuilder<T> WithReplicas<T>(this IResourceBuilder<T> builder, int replicas) where T : Resource
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        if (builder.Resource is ProjectResource { DaprSidecar: { } sidecar })
        {
            sidecar.Replicas = replicas;
        }
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value) where T : Resource
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Resource.Environment[name] = value;
        return builder;
    }

    /// <summary>The executable listens on <paramref name="port"/> (a free loopback port when null), offered as its address.</summary>
    public static IResourceBuilder<ExecutableResource> WithEndpoint(this IResourceBuilder<ExecutableResource> builder, int? port = null)
    {
        builder.Resource.HasEndpoint = true;
        builder.Resource.EndpointPort = port;
        return builder;
    }

    /// <summary>
    /// Runs a sidecar (&lt;app&gt;-dapr) next to every replica, loading the app model's Dapr components.
    /// The app starts once its sidecar's outbound building blocks answer.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDaprSidecar(this IResourceBuilder<ProjectResource> builder, DaprSidecarOptions? options = null)
    {
        var project = builder.Resource;
        if (project.DaprSidecar is not null)
        {
            throw new InvalidOperationException($"{project.Name} already has a Dapr sidecar.");
        }
        var components = builder.ApplicationBuilder.Model.Components
            ?? throw new InvalidOperationException("Call AddDaprComponents(...) before WithDaprSidecar().");

        var sidecar = builder.ApplicationBuilder.Model.Add(new DaprSidecarResource(project, options ?? new DaprSidecarOptions(), components)
        {
            Replicas = project.Replicas,
        });
        sidecar.WaitsFor.Add(components);
        project.DaprSidecar = sidecar;
        project.WaitsFor.Add(sidecar);
        return builder;
    }

    private static void AddOnce(IList<Resource> list, Resource resource)
    {
        if (!list.Contains(resource))
        {
            list.Add(resource);
        }
    }
}
