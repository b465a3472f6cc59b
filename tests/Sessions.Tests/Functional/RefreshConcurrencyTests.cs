using System.Net;

namespace AmazonScale.Sessions.Tests.Functional;

[Collection(SingleInstanceCollection.Name)]
public sealed class RefreshConcurrencyTests(SingleInstanceFixture fixture)
{
    private const int Racers = 100;
    private readonly SessionsInstance _instance = fixture.Instance;

    [Fact]
    public async Task Of_100_parallel_refreshes_of_one_token_exactly_one_wins_and_the_session_survives()
    {
        var tokens = await _instance.Admin.OpenAsync(SingleInstanceFixture.NewUserId());
        using var start = new SemaphoreSlim(0);

        var racers = Enumerable.Range(0, Racers).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await _instance.Client.RefreshAsync(tokens.RefreshToken);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(Racers);
        var results = await Task.WhenAll(racers);

        var winners = results.Where(result => result.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Single(winners);
        Assert.All(results.Where(result => result.StatusCode != HttpStatusCode.OK), loser =>
        {
            Assert.Equal(HttpStatusCode.Unauthorized, loser.StatusCode);
            Assert.Contains("just rotated", loser.Body, StringComparison.Ordinal);
        });

        // Losing a race is not reuse: the winner's tokens keep working.
        var winner = System.Text.Json.JsonDocument.Parse(winners[0].Body).RootElement;
        var access = winner.GetProperty("access_token").GetString()!;
        var refresh = winner.GetProperty("refresh_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await _instance.Client.ValidationStatusAsync(access));
        var next = await _instance.Client.RefreshOkAsync(refresh);

        // The first token is now two generations old: presenting it again is true reuse and revokes the family.
        using (var reuse = await _instance.Client.RefreshAsync(tokens.RefreshToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await _instance.Client.ValidationStatusAsync(next.AccessToken));
    }
}
