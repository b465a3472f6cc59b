using System.Security.Cryptography;

namespace AmazonScale.UrlShortener.Domain;

/// <summary>
/// Short codes: 7 base62 characters drawn from a CSPRNG (62^7 ≈ 3.5e12), so codes are unguessable and
/// carry no sequence to enumerate. Uniqueness is not assumed from randomness: the state store's
/// first-write insert decides, and a loser retries with a fresh code.
/// </summary>
public static class ShortCode
{
    public const int Length = 7;

    /// <summary>Longest code or alias a redirect will ever look up.</summary>
    public const int MaxLength = AliasRules.MaxLength;

    private const string Base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string NewRandom() => new(RandomNumberGenerator.GetItems<char>(Base62Alphabet, Length));

    /// <summary>True for any string that could name a stored URL (a generated code or a custom alias).</summary>
    public static bool IsWellFormed(string code)
    {
        // Runs on every redirect: a plain loop, no enumerator allocated.
        if (code.Length is 0 or > MaxLength)
        {
            return false;
        }
        foreach (var character in code)
        {
            if (!AliasRules.IsAllowedCharacter(character))
            {
                return false;
            }
        }
        return true;
    }
}
