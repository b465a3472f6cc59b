namespace AmazonScale.Sidecar.PubSub.Subscriptions.Expressions;

/// <summary>A route-rule expression outside the supported CEL subset, or malformed.</summary>
public sealed class CelSyntaxException(string expression, int position, string reason)
    : FormatException($"unsupported or invalid CEL expression '{expression}' at position {position}: {reason}");
