namespace AmazonScale.Sessions.Domain;

/// <summary>Where a request came from, as seen by the edge (IP, User-Agent, ISO country from a geo header). All optional.</summary>
public sealed record ClientContext(string? Ip, string? UserAgent, string? Country)
{
    public static readonly ClientContext Unknown = new(null, null, null);

    /// <summary>A known IP that differs from the session's known IP; an unknown side is no evidence of a change.</summary>
    public bool IpDiffersFrom(ClientContext session) => Ip is not null && session.Ip is not null && !string.Equals(Ip, session.Ip, StringComparison.Ordinal);

    public bool UserAgentDiffersFrom(ClientContext session) =>
        UserAgent is not null && session.UserAgent is not null && !string.Equals(UserAgent, session.UserAgent, StringComparison.Ordinal);

    /// <summary>Fields this request knows replace the old ones; unknown fields keep what the session had.</summary>
    public ClientContext Merge(ClientContext newer) => new(newer.Ip ?? Ip, newer.UserAgent ?? UserAgent, newer.Country ?? Country);
}
