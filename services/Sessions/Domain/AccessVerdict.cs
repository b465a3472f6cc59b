namespace AmazonScale.Sessions.Domain;

public enum AccessVerdict
{
    Valid,

    /// <summary>The hash does not match the session's current access token (tampered, forged, or rotated away).</summary>
    WrongToken,

    TokenExpired,

    /// <summary>Past the session's idle deadline or absolute expiry.</summary>
    SessionEnded,

    /// <summary>The session is bound to an IP or user agent and the request came from another.</summary>
    BindingMismatch,
}
