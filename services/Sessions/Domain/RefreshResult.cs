namespace AmazonScale.Sessions.Domain;

/// <summary>The verdict on a refresh and, when rotated, the session as it is now.</summary>
public sealed record RefreshResult(RefreshOutcome Outcome, SessionRecord? Session);
