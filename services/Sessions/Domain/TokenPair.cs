namespace AmazonScale.Sessions.Domain;

/// <summary>A fresh access + refresh token for one session. The plaintext goes to the client once; only <see cref="Hashes"/> is kept.</summary>
public sealed record TokenPair(SessionToken Access, SessionToken Refresh)
{
    public static TokenPair Issue(string sessionId) =>
        new(SessionToken.Issue(TokenKind.Access, sessionId), SessionToken.Issue(TokenKind.Refresh, sessionId));

    public TokenHashes Hashes() => new(Access.Hash(), Refresh.Hash());
}

/// <summary>SHA-256 of an access and a refresh token: all the session's actor ever learns about them.</summary>
public sealed record TokenHashes(byte[] Access, byte[] Refresh);
