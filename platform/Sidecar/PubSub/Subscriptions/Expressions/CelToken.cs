namespace AmazonScale.Sidecar.PubSub.Subscriptions.Expressions;

/// <summary>One lexical token of a route-rule expression; Position is the offset in the source, for error messages.</summary>
public sealed record CelToken(CelTokenKind Kind, string Text, int Position, object? Value = null);
