using System.Text;
using AmazonScale.Sidecar.Actors.Configuration;

namespace AmazonScale.Sidecar.Tests.Actors.Configuration;

public sealed class ActorAppConfigTests
{
    private static ActorAppConfig Parse(string json) => ActorAppConfig.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Reads_what_the_dotnet_sdk_writes()
    {
        var config = Parse("""
            {"entities":["Counter","Bank"],"actorIdleTimeout":"0h30m0s0ms","actorScanInterval":"0h0m0s100ms",
             "drainOngoingCallTimeout":"0h0m5s0ms","drainRebalancedActors":true,
             "reentrancy":{"enabled":true,"maxStackDepth":16},
             "entitiesConfig":[{"entities":["Bank"],"actorIdleTimeout":"0h0m1s0ms","reentrancy":{"enabled":false}}]}
            """);
        Assert.Equal(TimeSpan.FromMilliseconds(100), config.ScanInterval);
        Assert.Equal(new ActorTypeSettings(TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5), true, true, 16), config.Types["Counter"]);
        Assert.Equal(new ActorTypeSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), true, false, 16), config.Types["Bank"]);
    }

    [Fact]
    public void Missing_fields_take_daprd_defaults()
    {
        var config = Parse("""{"Entities":["A"]}""");
        Assert.Equal(ActorTypeSettings.Default, config.Types["A"]);
        Assert.Equal(ActorAppConfig.DefaultScanInterval, config.ScanInterval);
    }

    [Fact]
    public void Overrides_for_types_not_hosted_are_ignored() =>
        Assert.Equal(["A"], Parse("""{"entities":["A"],"entitiesConfig":[{"entities":["B"]}]}""").Types.Keys);

    [Fact]
    public void Bad_durations_fall_back_to_defaults() =>
        Assert.Equal(ActorTypeSettings.Default.IdleTimeout, Parse("""{"entities":["A"],"actorIdleTimeout":"soon"}""").Types["A"].IdleTimeout);

    [Fact]
    public void No_entities_means_no_actors() => Assert.Empty(Parse("{}").Types);
}
