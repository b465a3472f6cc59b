namespace AmazonScale.Sidecar.PubSub.Subscriptions.Expressions;

/// <summary>The lexical classes of the CEL subset.</summary>
public enum CelTokenKind
{
    Identifier,
    String,
    Number,
    Operator,
    End,
}
