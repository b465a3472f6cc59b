namespace AmazonScale.Sessions.Domain;

public enum RefreshOutcome
{
    /// <summary>The current refresh token: both tokens were replaced.</summary>
    Rotated,

    /// <summary>The token rotated away moments ago (within the grace period): a race lost, not an attack. 401, session kept.</summary>
    RaceLost,

    /// <summary>An earlier refresh token presented again: it leaked. The whole session family is revoked.</summary>
    Reused,

    /// <summary>Not a token of this session (tampered or forged). 401, session kept.</summary>
    Unknown,

    /// <summary>The session ended (idle or absolute expiry) or does not exist.</summary>
    Ended,
}
