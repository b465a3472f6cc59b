namespace AmazonScale.Hosting.Tests;

public sealed class AppHostOptionsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Defaults_to_the_local_profile_and_the_standalone_sidecar()
    {
        var options = AppHostOptions.Parse([], "/repo/AppHost", NoEnvironment);

        Assert.Equal("local", options.Profile);
        Assert.Equal(SidecarKind.Standalone, options.Sidecar);
        Assert.Equal("http://localhost:18890", options.OtlpEndpoint);
    }

    [Fact]
    public void Flag_wins_over_environment()
    {
        var fromEnvironment = AppHostOptions.Parse([], "/repo/AppHost", name => name == AppHostOptions.ProfileVariable ? "postgres" : null);
        var fromFlag = AppHostOptions.Parse(["--profile", "redis", "--sidecar", "daprd"], "/repo/AppHost",
            name => name == AppHostOptions.ProfileVariable ? "postgres" : null);

        Assert.Equal("postgres", fromEnvironment.Profile);
        Assert.Equal("redis", fromFlag.Profile);
        Assert.Equal(SidecarKind.Daprd, fromFlag.Sidecar);
    }

    [Theory]
    [InlineData("--profile")]
    [InlineData("--sidecar", "kubernetes")]
    [InlineData("--profile", "--sidecar", "daprd")]
    public void Rejects_missing_or_unknown_values(params string[] args) =>
        Assert.Throws<ArgumentException>(() => AppHostOptions.Parse(args, "/repo/AppHost", NoEnvironment));

    [Fact]
    public void Leaves_other_flags_to_the_app_host()
    {
        var options = AppHostOptions.Parse(["--verbose", "--profile", "redis"], "/repo/AppHost", NoEnvironment);

        Assert.Equal("redis", options.Profile);
    }
}
