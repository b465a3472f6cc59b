using System.Text.Json.Nodes;

namespace AmazonScale.Sidecar.PubSub.Subscriptions.Expressions;

/// <summary>
/// A route-rule match expression in the CEL subset this sidecar evaluates (daprd uses full CEL, pkg/expr):
/// the variable <c>event</c> with member access (<c>event.type</c>, <c>event.data.a.b</c>, <c>event["x"]</c>,
/// list index), string / number / bool / null literals, list literals, <c>== != &lt; &lt;= &gt; &gt;=</c>,
/// <c>in</c> (list membership or map key), <c>! - &amp;&amp; ||</c> and parentheses. Function and macro calls
/// (<c>has()</c>, <c>.startsWith()</c>, <c>size()</c>) are rejected at parse time. As in CEL, values of
/// different types are unequal, and &amp;&amp; / || are commutative over errors (<c>error || true</c> is true).
/// An evaluation error left at the top (e.g. a missing field) makes the rule not match, as in daprd.
/// </summary>
public sealed class CelExpression
{
    private readonly CelNode _root;

    private CelExpression(string text, CelNode root)
    {
        Text = text;
        _root = root;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="CelSyntaxException"/> when it is outside the subset.</summary>
    public static CelExpression Parse(string text) => new(text, new CelParser(text).ParseExpression());

    public bool Evaluate(JsonObject cloudEvent)
    {
        try
        {
            return _root.Evaluate(cloudEvent) is true;
        }
        catch (CelEvaluationException)
        {
            return false;
        }
    }

    public override string ToString() => Text;
}
