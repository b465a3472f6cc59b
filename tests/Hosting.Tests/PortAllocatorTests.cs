using System.Net;
using System.Net.Sockets;
using AmazonScale.Hosting.ApplicationModel;
using AmazonScale.Hosting.Orchestration;

namespace AmazonScale.Hosting.Tests;

public sealed class PortAllocatorTests
{
    [Fact]
    public void Allocated_ports_are_distinct_and_bindable_on_loopback()
    {
        var allocator = new PortAllocator();

        var ports = Enumerable.Range(0, 50).Select(_ => allocator.Allocate()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port => Assert.True(PortAllocator.IsFree(port)));
    }

    [Fact]
    public void Busy_port_is_reported_as_not_free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        Assert.False(PortAllocator.IsFree(((IPEndPoint)listener.LocalEndpoint).Port));
    }

    [Fact]
    public void Replicas_after_the_first_get_free_ports_and_the_first_keeps_its_launch_profile_port()
    {
        var builder = TestApplications.CreateBuilder(new RecordingReporter());
        builder.AddDaprComponents("../components");
        builder.AddProject("hello-api", "../samples/HelloApi/HelloApi.csproj").WithDaprSidecar().WithReplicas(3);
        var app = builder.Build();

        var plan = new LaunchPlanner(builder.Options, new PortAllocator(), new HttpClient()).Plan(app.Model);

        var replicas = plan.Instances.Where(i => i.Resource.Type == "Project").ToList();
        Assert.Equal(["hello-api-0", "hello-api-1", "hello-api-2"], replicas.Select(r => r.Name));
        Assert.Equal("http://localhost:5101", replicas[0].Endpoints.Single());
        Assert.Equal(3, replicas.SelectMany(r => r.Endpoints).Distinct().Count());
        var sidecars = plan.Instances.Where(i => i.Resource.Type == "Sidecar").ToList();
        Assert.Equal(["hello-api-0-dapr", "hello-api-1-dapr", "hello-api-2-dapr"], sidecars.Select(s => s.Name));
        Assert.Equal(replicas.Select(r => r.Snapshot.Environment["DAPR_HTTP_PORT"]), sidecars.Select(s => new Uri(s.Endpoints[0]).Port.ToString()));
        Assert.All(replicas.Zip(sidecars), pair => Assert.Contains(pair.Second, pair.First.Dependencies));
        Assert.All(replicas.Zip(sidecars), pair => Assert.Single(pair.First.Dependencies));
    }
}
