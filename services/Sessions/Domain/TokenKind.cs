namespace AmazonScale.Sessions.Domain;

/// <summary>Which of a session's two credentials a token is; the kind is part of the token text so one can never be used as the other.</summary>
public enum TokenKind
{
    Access,
    Refresh,
}
