using AmazonScale.Sidecar.Hosting;

namespace AmazonScale.Sidecar.Tests.Hosting;

public sealed class SidecarOptionsTests
{
    private static SidecarOptions Parse(params string[] args) =>
        SidecarOptions.Parse(args, name => name == "DAPR_LOCAL_REGISTRY" ? "/tmp/reg" : null);

    [Fact]
    public void Accepts_daprd_flag_spellings()
    {
        var options = Parse("--app-id", "orders", "-app-port=5000", "--dapr-http-port", "3501", "-dapr-grpc-port", "50002",
            "--resources-path", "a", "--components-path", "b", "--config", "c.yaml", "--log-level", "debug", "--app-protocol", "http");

        Assert.Equal("orders", options.AppId);
        Assert.Equal(5000, options.AppPort);
        Assert.Equal(3501, options.HttpPort);
        Assert.Equal(50002, options.GrpcPort);
        Assert.Equal(["a", "b"], options.ResourcesPaths);
        Assert.Equal("c.yaml", options.ConfigPath);
        Assert.Equal("debug", options.LogLevel);
    }

    [Fact]
    public void Defaults_match_daprd()
    {
        var options = Parse("--app-id", "x");

        Assert.Equal(3500, options.HttpPort);
        Assert.Equal(50001, options.GrpcPort);
        Assert.Null(options.AppPort);
        Assert.Equal(4 * 1024 * 1024, options.MaxRequestBodyBytes);
    }

    [Theory]
    [InlineData("4Mi", 4 * 1024 * 1024)]
    [InlineData("16M", 16_000_000)]
    [InlineData("2048", 2048)]
    public void Max_body_size_takes_quantities(string quantity, long expected) =>
        Assert.Equal(expected, Parse("--app-id", "x", "--max-body-size", quantity).MaxRequestBodyBytes);

    [Theory]
    [InlineData(new[] { "--app-port", "5000" }, "--app-id is required")]
    [InlineData(new[] { "--app-id", "a||b" }, "must not contain")]
    [InlineData(new[] { "--app-id", "a", "--app-port", "http" }, "must be a port number")]
    [InlineData(new[] { "--app-id", "a", "--no-such-flag", "1" }, "Unknown flag")]
    [InlineData(new[] { "--app-id", "a", "--max-body-size", "lots" }, "is not a size")]
    public void Rejects_bad_flags_with_a_clear_message(string[] args, string expected)
    {
        var ex = Assert.Throws<SidecarOptionsException>(() => Parse(args));

        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("//v1.0/actors/T/1/method/m", "/v1.0/actors/T/1/method/m")]
    [InlineData("/v1.0/state/store/", "/v1.0/state/store")]
    [InlineData("/v1.0//metadata", "/v1.0/metadata")]
    [InlineData("/", "/")]
    public void Path_normalization_collapses_slashes(string path, string expected) =>
        Assert.Equal(expected, PathNormalizationMiddleware.Normalize(path));
}
