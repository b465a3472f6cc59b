using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class UrlDraftTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static bool Try(out UrlDraft draft, out Dictionary<string, string[]> errors, string? url = "https://example.com/",
        string? description = null, List<string?>? tags = null, DateTimeOffset? expiresAt = null, long? maxVisits = null) =>
        UrlDraft.TryCreate(url, description, tags, expiresAt, maxVisits, null, Now, [], out draft, out errors);

    [Fact]
    public void A_complete_valid_draft_is_normalised()
    {
        Assert.True(Try(out var draft, out _, "HTTPS://Example.com", "launch", ["a", "b", "a"], Now.AddDays(1), 5));
        Assert.Equal("https://example.com/", draft.Target);
        Assert.Equal(["a", "b"], draft.Tags);
        Assert.False(draft.ForwardQuery);
    }

    [Fact]
    public void Every_invalid_field_is_reported_at_once()
    {
        Assert.False(Try(out _, out var errors, "javascript:x", new string('d', UrlDraft.MaxDescriptionLength + 1),
            Enumerable.Range(0, UrlDraft.MaxTags + 1).Select(i => (string?)$"t{i}").ToList(), Now, 0));
        Assert.Equal(["description", "expires_at", "max_visits", "tags", "url"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a'; DROP TABLE urls;--")]
    [InlineData("012345678901234567890123456789012")]
    public void Rejects_bad_tags(string tag) => Assert.False(Try(out _, out var errors, tags: [tag]));

    [Fact]
    public void Rejects_null_tags_and_control_characters_in_descriptions()
    {
        Assert.False(Try(out _, out var nullTag, tags: [null]));
        Assert.Contains("tags", nullTag.Keys);
        Assert.False(Try(out _, out var control, description: "line\u0000break"));
        Assert.Contains("description", control.Keys);
    }

    [Fact]
    public void Expiry_must_be_future_and_within_ten_years()
    {
        Assert.False(Try(out _, out _, expiresAt: Now.AddSeconds(-1)));
        Assert.False(Try(out _, out _, expiresAt: Now + UrlDraft.MaxLifetime + TimeSpan.FromDays(1)));
        Assert.True(Try(out _, out _, expiresAt: Now.AddSeconds(1)));
    }
}
