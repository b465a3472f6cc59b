using System.Diagnostics;

namespace AmazonScale.Sidecar.PubSub.CloudEvents;

/// <summary>W3C trace context carried inside a CloudEvent (traceparent/traceid and tracestate).</summary>
public sealed record TraceContext(string TraceParent, string TraceState)
{
    /// <summary>The context of <paramref name="activity"/>; a fresh root context when tracing is off, so every event still carries one.</summary>
    public static TraceContext Of(Activity? activity)
    {
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return new TraceContext($"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-00", "");
        }
        return new TraceContext(activity.Id!, activity.TraceStateString ?? "");
    }

    /// <summary>Parses an event's traceparent into a parent for the delivery span; null when absent or malformed.</summary>
    public static ActivityContext? Parse(string? traceParent, string? traceState) =>
        !string.IsNullOrEmpty(traceParent) && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : null;
}
