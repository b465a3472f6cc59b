using AmazonScale.Sidecar.Components;

namespace AmazonScale.Sidecar.PubSub;

/// <summary>
/// Topic scoping metadata common to every pub/sub component (daprd pkg/runtime/pubsub): allowedTopics
/// ("a,b": no other topic may be used), protectedTopics (usable only by apps granted them explicitly),
/// publishingScopes / subscriptionScopes ("app1=t1,t2;app2=t3": an app listed there may use only its
/// topics). An app that is not listed is unrestricted, except for protected topics.
/// </summary>
public sealed record TopicScopes(
    IReadOnlySet<string> AllowedTopics,
    IReadOnlySet<string> ProtectedTopics,
    IReadOnlySet<string> PublishableTopics,
    IReadOnlySet<string> SubscribableTopics)
{
    public static TopicScopes From(ComponentResource component, string appId) => new(
        List(component.Get("allowedTopics")),
        List(component.Get("protectedTopics")),
        ScopedTopics(component.Get("publishingScopes"), appId),
        ScopedTopics(component.Get("subscriptionScopes"), appId));

    public bool CanPublish(string topic) => IsAllowed(topic, PublishableTopics);

    public bool CanSubscribe(string topic) => IsAllowed(topic, SubscribableTopics);

    private bool IsAllowed(string topic, IReadOnlySet<string> scopedTopics)
    {
        if (AllowedTopics.Count > 0 && !AllowedTopics.Contains(topic))
        {
            return false;
        }
        if (!ProtectedTopics.Contains(topic) && scopedTopics.Count == 0)
        {
            return true;
        }
        return scopedTopics.Contains(topic);
    }

    private static HashSet<string> List(string? text) =>
        new((text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);

    private static HashSet<string> ScopedTopics(string? scopes, string appId)
    {
        foreach (var scope in (scopes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = scope.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && string.Equals(parts[0], appId, StringComparison.Ordinal))
            {
                return List(parts[1]);
            }
        }
        return new HashSet<string>(StringComparer.Ordinal);
    }
}
