using System.Globalization;
using System.Net;
using System.Text;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.Actors;

/// <summary>Actor state TTL with the ActorStateTTL preview feature enabled in the Configuration (--config).</summary>
public sealed class ActorStateTtlTests : IAsyncLifetime
{
    private readonly ResourcesFolder _resources = new();
    private ActorNode _node = null!;

    public async Task InitializeAsync()
    {
        _resources.Write("actorstore.yaml", ActorNode.InMemoryActorStore);
        var config = Path.Combine(_resources.Root, "config.yaml");
        File.WriteAllText(config, """
            apiVersion: dapr.io/v1alpha1
            kind: Configuration
            metadata: { name: features }
            spec:
              features:
              - name: ActorStateTTL
                enabled: true
            """);
        _node = await ActorNode.StartAsync(_resources, config);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _resources.Dispose();
    }

    [Fact]
    public async Task Ttl_is_reported_in_metadata_ttlExpireTime_and_the_value_expires()
    {
        var http = _node.Sidecar.Http;
        const string WithTtl = """[{"operation":"upsert","request":{"key":"short","value":"soon gone","metadata":{"ttlInSeconds":"1"}}}]""";
        using (var saved = await http.PutAsync("v1.0/actors/CounterActor/ttl-1/state", new StringContent(WithTtl, Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        }

        using (var found = await http.GetAsync("v1.0/actors/CounterActor/ttl-1/state/short"))
        {
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
            var expires = DateTimeOffset.Parse(found.Headers.GetValues("metadata.ttlExpireTime").Single(), CultureInfo.InvariantCulture);
            Assert.InRange(expires, DateTimeOffset.UtcNow.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(3));
        }

        await Eventually.TrueAsync(async () =>
        {
            using var response = await http.GetAsync("v1.0/actors/CounterActor/ttl-1/state/short");
            return response.StatusCode == HttpStatusCode.NoContent;
        }, TimeSpan.FromSeconds(10), "the value to expire (204)");
    }
}
