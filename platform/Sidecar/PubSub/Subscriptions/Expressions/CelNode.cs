using System.Text.Json;
using System.Text.Json.Nodes;

namespace AmazonScale.Sidecar.PubSub.Subscriptions.Expressions;

/// <summary>
/// The syntax tree of a route-rule expression. Values are string, double, bool, null, JsonObject (maps)
/// and IReadOnlyList&lt;object?&gt; (lists); runtime errors (missing field, bad operand types) throw
/// <see cref="CelEvaluationException"/>.
/// </summary>
public abstract record CelNode
{
    public abstract object? Evaluate(JsonObject cloudEvent);

    internal static object? FromJson(JsonNode? node) => node switch
    {
        JsonObject map => map,
        JsonArray list => list.Select(FromJson).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.GetValue<double>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => null,
    };
}

public sealed record CelLiteral(object? Value) : CelNode
{
    public override object? Evaluate(JsonObject cloudEvent) => Value;
}

/// <summary>The variable "event": the whole CloudEvent as a map.</summary>
public sealed record CelEventVariable : CelNode
{
    public override object? Evaluate(JsonObject cloudEvent) => cloudEvent;
}

/// <summary>target.name or target["name"]; a missing key is an error, as in CEL.</summary>
public sealed record CelMember(CelNode Target, CelNode Key) : CelNode
{
    public override object? Evaluate(JsonObject cloudEvent)
    {
        var target = Target.Evaluate(cloudEvent);
        var key = Key.Evaluate(cloudEvent);
        return (target, key) switch
        {
            (JsonObject map, string name) when map.TryGetPropertyValue(name, out var value) => FromJson(value),
            (JsonObject, string name) => throw new CelEvaluationException($"no such key: {name}"),
            (IReadOnlyList<object?> list, double index) when index >= 0 && index < list.Count && index == Math.Floor(index) => list[(int)index],
            _ => throw new CelEvaluationException("invalid member access"),
        };
    }
}

public sealed record CelList(IReadOnlyList<CelNode> Items) : CelNode
{
    public override object? Evaluate(JsonObject cloudEvent) => Items.Select(i => i.Evaluate(cloudEvent)).ToList();
}

public sealed record CelUnary(string Operator, CelNode Operand) : CelNode
{
    public override object? Evaluate(JsonObject cloudEvent) => (Operator, Operand.Evaluate(cloudEvent)) switch
    {
        ("!", bool b) => !b,
        ("-", double d) => -d,
        _ => throw new CelEvaluationException($"no such overload for unary {Operator}"),
    };
}

public sealed record CelBinary(string Operator, CelNode Left, CelNode Right) : CelNode
{
    public override object? Evaluate(JsonObject cloudEvent)
    {
        if (Operator is "&&" or "||")
        {
            return EvaluateLogical(cloudEvent, decisive: Operator == "||");
        }
        var left = Left.Evaluate(cloudEvent);
        var right = Right.Evaluate(cloudEvent);
        return Operator switch
        {
            "==" => AreEqual(left, right),
            "!=" => !AreEqual(left, right),
            "in" => right switch
            {
                IReadOnlyList<object?> list => list.Any(item => AreEqual(left, item)),
                JsonObject map when left is string key => map.ContainsKey(key),
                _ => throw new CelEvaluationException("no such overload for 'in'"),
            },
            _ => Compare(left, right) switch
            {
                var order when Operator == "<" => order < 0,
                var order when Operator == "<=" => order <= 0,
                var order when Operator == ">" => order > 0,
                var order => order >= 0,
            },
        };
    }

    /// <summary>
    /// CEL's commutative logic: a side equal to <paramref name="decisive"/> (true for ||, false for &amp;&amp;) decides
    /// even when the other side is an error, so "event.missing == 1 || event.type == 'x'" can still match.
    /// </summary>
    private bool EvaluateLogical(JsonObject cloudEvent, bool decisive)
    {
        var left = TryEvaluateBool(Left, cloudEvent);
        if (left.Value == decisive)
        {
            return decisive;
        }
        var right = TryEvaluateBool(Right, cloudEvent);
        if (right.Value == decisive)
        {
            return decisive;
        }
        if ((left.Error ?? right.Error) is { } error)
        {
            throw error;
        }
        return !decisive;
    }

    private static (bool? Value, CelEvaluationException? Error) TryEvaluateBool(CelNode node, JsonObject cloudEvent)
    {
        try
        {
            return node.Evaluate(cloudEvent) is bool value
                ? (value, null)
                : (null, new CelEvaluationException("no such overload: && and || need bool operands"));
        }
        catch (CelEvaluationException ex)
        {
            return (null, ex);
        }
    }

    // CEL's heterogeneous equality: values of different types are simply unequal.
    private static bool AreEqual(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (double a, double b) => a == b,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (bool a, bool b) => a == b,
        (IReadOnlyList<object?> a, IReadOnlyList<object?> b) => a.Count == b.Count && a.Zip(b).All(p => AreEqual(p.First, p.Second)),
        (JsonObject a, JsonObject b) => JsonNode.DeepEquals(a, b),
        _ => false,
    };

    private static int Compare(object? left, object? right) => (left, right) switch
    {
        (double a, double b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        _ => throw new CelEvaluationException("no such overload for ordering operator"),
    };
}
