namespace AmazonScale.Sidecar.PubSub.Subscriptions.Expressions;

/// <summary>
/// Recursive-descent parser with CEL's precedence: || &lt; &amp;&amp; &lt; relations (== != &lt; &lt;= &gt; &gt;= in)
/// &lt; unary (! -) &lt; member access / index &lt; primary.
/// </summary>
internal sealed class CelParser(string expression)
{
    private static readonly HashSet<string> Relations = ["==", "!=", "<", "<=", ">", ">=", "in"];
    private readonly IReadOnlyList<CelToken> _tokens = CelLexer.Tokenize(expression);
    private int _next;

    private CelToken Peek => _tokens[_next];

    public CelNode ParseExpression()
    {
        var node = ParseOr();
        if (Peek.Kind != CelTokenKind.End)
        {
            throw Error(Peek, $"unexpected '{Peek.Text}'");
        }
        return node;
    }

    private CelNode ParseOr()
    {
        var left = ParseAnd();
        while (TryTake("||"))
        {
            left = new CelBinary("||", left, ParseAnd());
        }
        return left;
    }

    private CelNode ParseAnd()
    {
        var left = ParseRelation();
        while (TryTake("&&"))
        {
            left = new CelBinary("&&", left, ParseRelation());
        }
        return left;
    }

    private CelNode ParseRelation()
    {
        var left = ParseUnary();
        while (IsRelation(Peek))
        {
            var op = _tokens[_next++].Text;
            left = new CelBinary(op, left, ParseUnary());
        }
        return left;
    }

    private static bool IsRelation(CelToken token) =>
        (token.Kind == CelTokenKind.Operator || (token.Kind == CelTokenKind.Identifier && token.Text == "in")) && Relations.Contains(token.Text);

    private CelNode ParseUnary()
    {
        if (TryTake("!"))
        {
            return new CelUnary("!", ParseUnary());
        }
        if (TryTake("-"))
        {
            return new CelUnary("-", ParseUnary());
        }
        return ParseMember();
    }

    private CelNode ParseMember()
    {
        var node = ParsePrimary();
        while (true)
        {
            if (TryTake("."))
            {
                var name = _tokens[_next++];
                if (name.Kind != CelTokenKind.Identifier)
                {
                    throw Error(name, "expected a field name after '.'");
                }
                if (Peek.Text == "(" && Peek.Kind == CelTokenKind.Operator)
                {
                    throw Error(name, $"method calls such as .{name.Text}() are not supported");
                }
                node = new CelMember(node, new CelLiteral(name.Text));
            }
            else if (TryTake("["))
            {
                var key = ParseOr();
                Expect("]");
                node = new CelMember(node, key);
            }
            else
            {
                return node;
            }
        }
    }

    private CelNode ParsePrimary()
    {
        var token = _tokens[_next++];
        switch (token.Kind)
        {
            case CelTokenKind.String:
            case CelTokenKind.Number:
                return new CelLiteral(token.Value);
            case CelTokenKind.Identifier:
                return token.Text switch
                {
                    "true" => new CelLiteral(true),
                    "false" => new CelLiteral(false),
                    "null" => new CelLiteral(null),
                    "event" => new CelEventVariable(),
                    _ when Peek.Text == "(" => throw Error(token, $"function calls such as {token.Text}() are not supported"),
                    _ => throw Error(token, $"unknown variable '{token.Text}' (only 'event' is defined)"),
                };
            case CelTokenKind.Operator when token.Text == "(":
                var inner = ParseOr();
                Expect(")");
                return inner;
            case CelTokenKind.Operator when token.Text == "[":
                var items = new List<CelNode>();
                if (!TryTake("]"))
                {
                    do
                    {
                        items.Add(ParseOr());
                    }
                    while (TryTake(","));
                    Expect("]");
                }
                return new CelList(items);
            default:
                throw Error(token, $"unexpected '{token.Text}'");
        }
    }

    private bool TryTake(string op)
    {
        if (Peek.Kind == CelTokenKind.Operator && Peek.Text == op)
        {
            _next++;
            return true;
        }
        return false;
    }

    private void Expect(string op)
    {
        if (!TryTake(op))
        {
            throw Error(Peek, $"expected '{op}'");
        }
    }

    private CelSyntaxException Error(CelToken token, string reason) => new(expression, token.Position, reason);
}
