namespace AmazonScale.Sidecar.PubSub.Subscriptions.Expressions;

public enum CelTokenKind
{
    Identifier,
    String,
    Number,
    Operator,
    End,
}

/// <summary>One lexical token of a route-rule expression; Position is the offset in the source, for error messages.</summary>
public sealed record CelToken(CelTokenKind Kind, string Text, int Position, object? Value = null);
