using AmazonScale.Sessions.Domain;

namespace AmazonScale.Sessions.Lifecycle;

/// <summary>A refresh's outcome; <see cref="Opened"/> is set only when the tokens rotated.</summary>
public sealed record RefreshAttempt(RefreshOutcome Outcome, OpenedSession? Opened);
