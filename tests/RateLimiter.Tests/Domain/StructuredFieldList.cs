using System.Globalization;

namespace AmazonScale.RateLimiter.Tests.Domain;

/// <summary>
/// A small RFC 8941 List parser (items that are sf-strings, parameters that are integers), enough to read
/// RateLimit and RateLimit-Policy back independently of the code that writes them.
/// </summary>
internal static class StructuredFieldList
{
    public static List<(string Item, Dictionary<string, long> Parameters)> Parse(string field)
    {
        var result = new List<(string, Dictionary<string, long>)>();
        var position = 0;
        SkipSpaces(field, ref position);
        while (position < field.Length)
        {
            var item = ParseString(field, ref position);
            var parameters = new Dictionary<string, long>();
            while (position < field.Length && field[position] == ';')
            {
                position++;
                var key = ParseKey(field, ref position);
                Expect(field, ref position, '=');
                parameters[key] = ParseInteger(field, ref position);
            }
            result.Add((item, parameters));
            SkipSpaces(field, ref position);
            if (position < field.Length)
            {
                Expect(field, ref position, ',');
                SkipSpaces(field, ref position);
                if (position == field.Length)
                {
                    throw new FormatException("trailing comma");
                }
            }
        }
        return result;
    }

    private static string ParseString(string field, ref int position)
    {
        Expect(field, ref position, '"');
        var builder = new System.Text.StringBuilder();
        while (position < field.Length)
        {
            var character = field[position++];
            if (character == '\\')
            {
                var escaped = field[position++];
                if (escaped is not ('"' or '\\'))
                {
                    throw new FormatException("bad escape");
                }
                builder.Append(escaped);
            }
            else if (character == '"')
            {
                return builder.ToString();
            }
            else if (character is < ' ' or > '~')
            {
                throw new FormatException("non-printable character in sf-string");
            }
            else
            {
                builder.Append(character);
            }
        }
        throw new FormatException("unterminated sf-string");
    }

    private static string ParseKey(string field, ref int position)
    {
        var start = position;
        if (position >= field.Length || !(char.IsAsciiLetterLower(field[position]) || field[position] == '*'))
        {
            throw new FormatException("key must start with a lowercase letter or '*'");
        }
        while (position < field.Length && (char.IsAsciiLetterLower(field[position]) || char.IsAsciiDigit(field[position]) || field[position] is '_' or '-' or '.' or '*'))
        {
            position++;
        }
        return field[start..position];
    }

    private static long ParseInteger(string field, ref int position)
    {
        var start = position;
        if (position < field.Length && field[position] == '-')
        {
            position++;
        }
        while (position < field.Length && char.IsAsciiDigit(field[position]))
        {
            position++;
        }
        var digits = field[start..position];
        if (digits.TrimStart('-').Length is 0 or > 15)
        {
            throw new FormatException("sf-integer must have 1 to 15 digits");
        }
        return long.Parse(digits, CultureInfo.InvariantCulture);
    }

    private static void Expect(string field, ref int position, char expected)
    {
        if (position >= field.Length || field[position] != expected)
        {
            throw new FormatException($"expected '{expected}' at {position} in {field}");
        }
        position++;
    }

    private static void SkipSpaces(string field, ref int position)
    {
        while (position < field.Length && field[position] is ' ' or '\t')
        {
            position++;
        }
    }
}
