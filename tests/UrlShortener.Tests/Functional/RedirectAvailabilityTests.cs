using System.Net;
using AmazonScale.TestSupport;
using AmazonScale.TestSupport.Sidecar;

namespace AmazonScale.UrlShortener.Tests.Functional;

/// <summary>
/// Redirects are short-circuited past the exception handler, so a code that is not cached and cannot be looked up
/// must still be answered as a problem, and only with that one status.
/// </summary>
public sealed class RedirectAvailabilityTests
{
    [Fact]
    public async Task Without_its_sidecar_an_uncached_code_answers_503_problem_and_a_cached_one_still_redirects()
    {
        using var resources = LocalServiceFixture.LocalComponents();
        await using var service = await UrlShortenerInstance.StartAsync(resources);
        using var changesHandled = new RouteRequestCounter(service.Services, "/events/url-changed");
        var owner = await service.NewOwnerAsync();
        var code = (await owner.CreateAsync(new { url = "https://example.com/kept" })).GetProperty("code").GetString()!;
        // The create's UrlChanged drops the code from the cache when it arrives: fill the cache only after that.
        await Poll.UntilAsync(() => Task.FromResult(changesHandled.Count), handled => handled >= 1, TimeSpan.FromSeconds(30), "the create's UrlChanged handled");
        using (var first = await service.Client.FollowAsync(code))
        {
            Assert.Equal(HttpStatusCode.Found, first.StatusCode);
        }

        await service.Sidecar.DisposeAsync();

        using var cached = await service.Client.FollowAsync(code);
        Assert.Equal(HttpStatusCode.Found, cached.StatusCode);
        Assert.Equal("https://example.com/kept", cached.Headers.Location!.OriginalString);
        using var uncached = await service.Client.FollowAsync("Zz9Yy8X");
        var problem = await uncached.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Service unavailable", problem.GetProperty("title").GetString());
        Assert.True(uncached.Headers.CacheControl is { Private: true, MaxAge.TotalSeconds: 0 }, uncached.Headers.CacheControl?.ToString());
    }
}
