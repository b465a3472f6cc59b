using System.Text.Json;
using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class DailyVisitsTests
{
    private static readonly ClientClass Desktop = new(false, "desktop", "Firefox", "Linux");
    private static readonly ClientClass Phone = new(false, "mobile", "Safari", "iOS");
    private static readonly ClientClass Crawler = new(true, "bot", "unknown", "unknown");
    private static readonly DateTimeOffset Morning = new(2026, 11, 22, 9, 15, 0, TimeSpan.Zero);

    [Fact]
    public void Aggregates_humans_and_counts_bots_apart()
    {
        var day = new DailyVisits();
        Assert.True(day.Remember(1));
        day.Count(Morning, "https://news.example.com/story", Desktop, "v1", "de");
        day.Count(Morning.AddHours(2), null, Phone, "v2", "US");
        day.Count(Morning.AddHours(2), "https://news.example.com/other", Desktop, "v1", null);
        day.Count(Morning, null, Crawler, "bot", null);

        Assert.Equal(3, day.Visits);
        Assert.Equal(1, day.Bots);
        Assert.Equal(2, day.EstimateUniqueVisitors());
        Assert.Equal(1, day.Hours[9]);
        Assert.Equal(2, day.Hours[11]);
        Assert.Equal(2, day.Referrers["news.example.com"]);
        Assert.Equal(1, day.Referrers[DailyVisits.DirectReferrer]);
        Assert.Equal(2, day.Devices["desktop"]);
        Assert.Equal(1, day.Browsers["Safari"]);
        Assert.Equal(1, day.Countries["DE"]);
        Assert.Equal(1, day.Countries["unknown"]);
    }

    [Fact]
    public void A_redelivered_batch_is_recognised_by_its_id()
    {
        var day = new DailyVisits();
        Assert.True(day.Remember(42));
        Assert.True(day.Remember(-7));
        Assert.False(day.Remember(42));
        Assert.False(day.Remember(-7));
        Assert.Equal(2, day.RememberedBatchCount);
    }

    [Fact]
    public void Remembered_batch_ids_and_breakdowns_stay_bounded()
    {
        var day = new DailyVisits();
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(day.Remember(i + 1));
            day.Count(Morning, $"https://site{i}.example/", Desktop, $"v{i}", null);
        }
        Assert.Equal(DailyVisits.RememberedBatches, day.RememberedBatchCount);
        // The newest ids are remembered, the oldest forgotten.
        Assert.False(day.Remember(1000));
        Assert.False(day.Remember(1001 - DailyVisits.RememberedBatches));
        Assert.True(day.Remember(1000 - DailyVisits.RememberedBatches));
        Assert.Equal(DailyVisits.MaxBreakdownKeys + 1, day.Referrers.Count);
        Assert.Equal(1000 - DailyVisits.MaxBreakdownKeys, day.Referrers[DailyVisits.OtherKey]);
        Assert.Equal(1000, day.Referrers.Values.Sum());
    }

    [Fact]
    public void A_document_stored_with_per_visit_event_ids_loads_with_its_counts_and_drops_the_ids_on_its_next_write()
    {
        // The stored shape before visit batches (Dapr's Web JSON defaults): 256 remembered event ids of 32 hex characters.
        var ids = string.Join(",", Enumerable.Range(0, 256).Select(i => $"\"{i:x32}\""));
        var stored = $$"""{"visits":5,"bots":1,"hours":[0,0,0,0,0,0,0,0,0,5,0,0,0,0,0,0,0,0,0,0,0,0,0,0],"visitorSketch":null,"referrers":{"direct":5},"devices":{"desktop":5},"browsers":{"Firefox":5},"operatingSystems":{"Linux":5},"countries":{"unknown":5},"recentEventIds":[{{ids}}]}""";
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var day = JsonSerializer.Deserialize<DailyVisits>(stored, options)!;
        Assert.Equal(5, day.Visits);
        Assert.Equal(1, day.Bots);
        Assert.Equal(5, day.Hours[9]);
        Assert.Equal(5, day.Browsers["Firefox"]);
        Assert.Equal(0, day.RememberedBatchCount);

        Assert.True(day.Remember(99));
        day.Count(Morning, null, Desktop, "v1", null);
        var rewritten = JsonSerializer.Serialize(day, options);
        Assert.DoesNotContain("recentEventIds", rewritten, StringComparison.Ordinal);
        var reloaded = JsonSerializer.Deserialize<DailyVisits>(rewritten, options)!;
        Assert.Equal(6, reloaded.Visits);
        Assert.Equal(6, reloaded.Hours[9]);
        Assert.False(reloaded.Remember(99));
        Assert.True(rewritten.Length < stored.Length / 2, $"{rewritten.Length} bytes");
    }

    [Theory]
    [InlineData("fr", "FR")]
    [InlineData("XX", "XX")]
    [InlineData("", "unknown")]
    [InlineData("USA", "unknown")]
    [InlineData("1'", "unknown")]
    public void Country_codes_are_two_letters_or_unknown(string header, string expected) =>
        Assert.Equal(expected, DailyVisits.CountryCode(header));
}
