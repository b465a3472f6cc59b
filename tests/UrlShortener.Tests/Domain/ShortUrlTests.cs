using AmazonScale.UrlShortener.Domain;

namespace AmazonScale.UrlShortener.Tests.Domain;

public sealed class ShortUrlTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private static ShortUrl Url(DateTimeOffset? expiresAt = null) =>
        new("abc1234", "owner", "https://example.com/", null, null, [], expiresAt, null, false, Now, Now);

    [Fact]
    public void Status_follows_expiry_cap_and_deletion_in_that_order_of_precedence()
    {
        Assert.Equal(UrlStatus.Active, Url(Now.AddMinutes(1)).StatusAt(Now));
        Assert.Equal(UrlStatus.Expired, Url(Now).StatusAt(Now));
        Assert.Equal(UrlStatus.VisitCapReached, (Url(Now) with { VisitCapReachedAt = Now }).StatusAt(Now));
        Assert.Equal(UrlStatus.Deleted, (Url() with { VisitCapReachedAt = Now, DeletedAt = Now }).StatusAt(Now));
    }

    [Fact]
    public void Documents_live_forever_until_they_can_never_redirect_then_for_the_retention()
    {
        Assert.Null(Url().TimeToLive(Now, Retention));
        Assert.Equal(TimeSpan.FromDays(31), Url(Now.AddDays(1)).TimeToLive(Now, Retention));
        Assert.Equal(Retention, (Url() with { DeletedAt = Now }).TimeToLive(Now, Retention));
        Assert.Equal(TimeSpan.FromSeconds(1), Url(Now.AddDays(-60)).TimeToLive(Now, Retention));
    }

    [Fact]
    public void Raising_the_visit_cap_reopens_a_capped_url()
    {
        var capped = Url() with { MaxVisits = 5, VisitCapReachedAt = Now };
        var same = capped.WithDraft(new UrlDraft("https://example.com/new", null, [], null, 5, false), Now);
        var raised = capped.WithDraft(new UrlDraft("https://example.com/", null, [], null, 10, false), Now);
        Assert.Equal(UrlStatus.VisitCapReached, same.StatusAt(Now));
        Assert.Equal(UrlStatus.Active, raised.StatusAt(Now));
    }
}
