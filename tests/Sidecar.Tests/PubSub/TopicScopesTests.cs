using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AmazonScale.Sidecar.Components;
using AmazonScale.Sidecar.PubSub;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.Sidecar.Tests.PubSub;

public sealed class TopicScopesTests
{
    private static TopicScopes Scopes(string appId, params (string Name, string Value)[] metadata) => TopicScopes.From(
        new ComponentResource("pubsub", "pubsub.in-memory", "v1", metadata.ToDictionary(m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase), false, "pubsub.yaml"),
        appId);

    [Theory]
    [InlineData("orders", true)]
    [InlineData("payments", true)]
    [InlineData("secrets", false)]
    public void Allowed_topics_limit_every_app(string topic, bool allowed) =>
        Assert.Equal(allowed, Scopes("any", ("allowedTopics", "orders, payments")).CanPublish(topic));

    [Theory]
    [InlineData("checkout", "orders", true)]
    [InlineData("checkout", "payments", false)]
    [InlineData("unlisted", "payments", true)]
    public void Publishing_scopes_limit_listed_apps(string appId, string topic, bool allowed) =>
        Assert.Equal(allowed, Scopes(appId, ("publishingScopes", "checkout=orders;billing=payments")).CanPublish(topic));

    [Theory]
    [InlineData("billing", true)]
    [InlineData("checkout", false)]
    public void Protected_topics_need_an_explicit_grant(string appId, bool allowed) =>
        Assert.Equal(allowed, Scopes(appId, ("protectedTopics", "payments"), ("subscriptionScopes", "billing=payments")).CanSubscribe("payments"));

    [Fact]
    public async Task Publishing_outside_the_apps_scope_is_forbidden()
    {
        using var resources = new ResourcesFolder();
        resources.Write("pubsub.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: pubsub
            spec:
              type: pubsub.in-memory
              version: v1
              metadata:
              - name: publishingScopes
                value: "checkout=orders"
            """);
        await using var sidecar = await SidecarUnderTest.StartAsync("checkout", resources);
        using var body = new StringContent("{}", Encoding.UTF8, "application/json");

        using var allowed = await sidecar.Http.PostAsync("v1.0/publish/pubsub/orders", body);
        using var forbidden = await sidecar.Http.PostAsync("v1.0/publish/pubsub/payments", body);

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("ERR_PUBSUB_FORBIDDEN", (string?)JsonNode.Parse(await forbidden.Content.ReadAsStringAsync())!["errorCode"]);
    }
}
