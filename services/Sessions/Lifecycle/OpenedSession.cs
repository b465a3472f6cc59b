using AmazonScale.Sessions.Domain;

namespace AmazonScale.Sessions.Lifecycle;

/// <summary>A session just opened or rotated: the only moment its token plaintext exists on the server.</summary>
public sealed record OpenedSession(SessionSnapshot Session, TokenPair Tokens);
