using AmazonScale.Hosting.ApplicationModel;
using AmazonScale.Hosting.Dapr;
using AmazonScale.Hosting.Orchestration;

namespace AmazonScale.Hosting.Tests;

public sealed class ComponentProfileTests : IDisposable
{
    private readonly string _target = Directory.CreateTempSubdirectory("components-").FullName;

    [Theory]
    [InlineData("local", "state.sqlite", "v1", "pubsub.in-memory")]
    [InlineData("redis", "state.redis", "v1", "pubsub.redis")]
    [InlineData("postgres", "state.postgresql", "v2", "pubsub.in-memory")]
    public void Every_profile_defines_the_same_dapr_components(string profile, string stateType, string stateVersion, string pubsubType)
    {
        var components = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "components", profile), "*.yaml")
            .SelectMany(Yaml.LoadDocuments)
            .ToDictionary(c => c.Scalar("metadata", "name"));

        Assert.Equal(["broadcast", "pubsub", "statestore"], components.Keys.Order());
        Assert.All(components.Values, c =>
        {
            Assert.Equal("dapr.io/v1alpha1", c.Scalar("apiVersion"));
            Assert.Equal("Component", c.Scalar("kind"));
        });
        Assert.Equal(stateType, components["statestore"].Scalar("spec", "type"));
        Assert.Equal(stateVersion, components["statestore"].Scalar("spec", "version"));
        Assert.Equal("true", components["statestore"].ComponentMetadata()["actorStateStore"]);
        Assert.Equal(pubsubType, components["pubsub"].Scalar("spec", "type"));
        Assert.Equal(pubsubType, components["broadcast"].Scalar("spec", "type"));
        // Every instance must receive broadcast events: one consumer group per sidecar.
        Assert.Equal("{uuid}", components["broadcast"].ComponentMetadata()["consumerID"]);
    }

    [Fact]
    public async Task Redis_profile_adds_redis_server_and_its_address_reaches_the_run_copy()
    {
        var builder = TestApplications.CreateBuilder(new RecordingReporter(), "--profile", "redis");
        var components = builder.AddDaprComponents("../components").Resource;
        var redis = Assert.IsType<ExecutableResource>(builder.Model["redis"]);
        Assert.Equal("redis-server", redis.Command);
        Assert.Contains(redis, components.WaitsFor);

        var planner = new LaunchPlanner(builder.Options with { RunDirectory = _target }, new PortAllocator(), new HttpClient());
        var plan = planner.Plan(builder.Model);
        var port = new Uri(plan.Instances.Single(i => i.Name == "redis").Endpoints.Single()).Port;
        Assert.Null(await plan.Instances.Single(i => i.Name == components.Name).Launch(CancellationToken.None));

        var written = Yaml.LoadDocuments(Path.Combine(planner.Paths.Components, "statestore.yaml")).Single();
        Assert.Equal($"127.0.0.1:{port}", written.ComponentMetadata()["redisHost"]);
    }

    [Fact]
    public void Postgres_profile_gets_a_connection_string()
    {
        Directory.CreateDirectory(Path.Combine(_target, "source"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "components", "postgres", "statestore.yaml"), Path.Combine(_target, "source", "statestore.yaml"));

        ComponentsMaterializer.Materialize(Path.Combine(_target, "source"), Path.Combine(_target, "out"),
            ComponentsMaterializer.ValuesOf("postgres", 41234, "host=127.0.0.1 port=41234 user=postgres").ToDictionary());

        var written = Yaml.LoadDocuments(Path.Combine(_target, "out", "statestore.yaml")).Single();
        Assert.Equal("host=127.0.0.1 port=41234 user=postgres", written.ComponentMetadata()["connectionString"]);
    }

    [Fact]
    public void Placeholder_without_a_server_fails_with_its_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ComponentsMaterializer.Materialize(
            Path.Combine(RepositoryPaths.Root, "components", "redis"), _target, new Dictionary<string, string>()));

        Assert.Contains("{{redis.address}}", error.Message);
    }

    public void Dispose() => Directory.Delete(_target, recursive: true);
}
