using AmazonScale.Sessions.Domain;

namespace AmazonScale.Sessions.Access;

/// <summary>Who is calling a user-scoped endpoint: an admin-key holder, or the holder of a valid access token.</summary>
public sealed record Caller(bool IsAdmin, SessionSnapshot? Session)
{
    public bool MayActFor(string userId) => IsAdmin || Session?.UserId == userId;
}
