namespace AmazonScale.Sidecar.PubSub.Subscriptions.Expressions;

/// <summary>A CEL runtime error (missing key, operand types without an overload); the rule then does not match.</summary>
public sealed class CelEvaluationException(string message) : Exception(message);
