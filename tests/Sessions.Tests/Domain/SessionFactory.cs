using AmazonScale.Sessions.Domain;

namespace AmazonScale.Sessions.Tests.Domain;

/// <summary>Sessions opened on a given clock, with the plaintext tokens kept so tests can present them.</summary>
internal static class SessionFactory
{
    public static readonly ClientContext Browser = new("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64)", "DE");

    public static (SessionRecord Record, TokenPair Tokens) Open(DateTimeOffset now, SessionLifetimes lifetimes, bool rememberMe = false, bool bindIp = false)
    {
        var sessionId = SessionId.New();
        var tokens = TokenPair.Issue(sessionId);
        var request = new NewSession("user-1", new Device("laptop", "Work laptop", DevicePlatform.Web), Browser, rememberMe, bindIp);
        return (SessionRecord.Open(sessionId, request, tokens.Hashes(), now, lifetimes), tokens);
    }
}
