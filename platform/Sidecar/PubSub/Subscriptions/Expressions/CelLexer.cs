using System.Globalization;
using System.Text;

namespace AmazonScale.Sidecar.PubSub.Subscriptions.Expressions;

/// <summary>Splits a CEL expression into tokens: identifiers, string and number literals, operators.</summary>
public static class CelLexer
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", ".", "[", "]", ",", "-"];

    public static IReadOnlyList<CelToken> Tokenize(string expression)
    {
        var tokens = new List<CelToken>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < expression.Length && (char.IsLetterOrDigit(expression[i]) || expression[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new CelToken(CelTokenKind.Identifier, expression[start..i], start));
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                while (i < expression.Length && (char.IsDigit(expression[i]) || expression[i] is '.' or 'e' or 'E'))
                {
                    i++;
                }
                var text = expression[start..i];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw new CelSyntaxException(expression, start, $"bad number '{text}'");
                }
                tokens.Add(new CelToken(CelTokenKind.Number, text, start, number));
            }
            else if (c is '"' or '\'')
            {
                var start = i;
                tokens.Add(new CelToken(CelTokenKind.String, "string", start, ReadString(expression, ref i)));
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(expression, i, o, 0, o.Length) == 0)
                    ?? throw new CelSyntaxException(expression, i, $"unexpected character '{c}'");
                tokens.Add(new CelToken(CelTokenKind.Operator, op, i));
                i += op.Length;
            }
        }
        tokens.Add(new CelToken(CelTokenKind.End, "end of expression", expression.Length));
        return tokens;
    }

    private static string ReadString(string expression, ref int i)
    {
        var quote = expression[i];
        var start = i++;
        var text = new StringBuilder();
        while (i < expression.Length && expression[i] != quote)
        {
            if (expression[i] == '\\' && i + 1 < expression.Length)
            {
                i++;
                text.Append(expression[i] switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    var other => other,
                });
            }
            else
            {
                text.Append(expression[i]);
            }
            i++;
        }
        if (i >= expression.Length)
        {
            throw new CelSyntaxException(expression, start, "unterminated string literal");
        }
        i++;
        return text.ToString();
    }
}
