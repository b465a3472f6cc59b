using System.Net;
using System.Net.Http.Json;
using AmazonScale.RateLimiter.Envoy.Protocol;
using AmazonScale.RateLimiter.Tests.Domain;
using Grpc.Core;
using Grpc.Net.Client;

namespace AmazonScale.RateLimiter.Tests.Functional;

public class EnvoyRateLimitTests(SingleInstanceFixture fixture) : IClassFixture<SingleInstanceFixture>
{
    private readonly RateLimiterInstance _instance = fixture.Instance;

    [Fact]
    public async Task Should_rate_limit_answers_per_descriptor_with_overall_code_limits_and_headers()
    {
        using (var created = await _instance.Admin.PostAsJsonAsync("api/v1/policies", new
        {
            id = "envoy-per-path", algorithm = "fixed_window", limit = 2, window = "1m", key = new[] { "path" }, match = new Dictionary<string, string> { ["domain"] = "edge" },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_instance.GrpcPort}");
        var client = new RateLimitService.RateLimitServiceClient(channel);
        var request = new RateLimitRequest
        {
            Domain = "edge",
            Descriptors =
            {
                new RateLimitDescriptor { Entries = { new RateLimitDescriptor.Types.Entry { Key = "path", Value = "/a" } } },
                new RateLimitDescriptor { Entries = { new RateLimitDescriptor.Types.Entry { Key = "path", Value = "/b" } }, HitsAddend = 2 },
            },
        };

        var first = await client.ShouldRateLimitAsync(request);
        var second = await client.ShouldRateLimitAsync(request);

        Assert.Equal(RateLimitResponse.Types.Code.Ok, first.OverallCode);
        Assert.Equal([RateLimitResponse.Types.Code.Ok, RateLimitResponse.Types.Code.Ok], first.Statuses.Select(status => status.Code));
        Assert.Equal(RateLimitResponse.Types.Code.OverLimit, second.OverallCode);
        Assert.Equal([RateLimitResponse.Types.Code.Ok, RateLimitResponse.Types.Code.OverLimit], second.Statuses.Select(status => status.Code));
        var limit = second.Statuses[1].CurrentLimit;
        Assert.Equal(("envoy-per-path", 2u, RateLimitResponse.Types.RateLimit.Types.Unit.Minute), (limit.Name, limit.RequestsPerUnit, limit.Unit));
        Assert.Equal(0u, second.Statuses[0].LimitRemaining);
        Assert.InRange(second.Statuses[1].DurationUntilReset.ToTimeSpan(), TimeSpan.FromTicks(1), TimeSpan.FromMinutes(1));
        var header = second.ResponseHeadersToAdd.Single(header => header.Key == "RateLimit-Policy");
        Assert.All(StructuredFieldList.Parse(header.Value), item => Assert.Equal(2L, item.Parameters["q"]));
    }

    [Fact]
    public async Task Requests_without_descriptors_are_invalid_arguments()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_instance.GrpcPort}");
        var client = new RateLimitService.RateLimitServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ShouldRateLimitAsync(new RateLimitRequest { Domain = "edge" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
