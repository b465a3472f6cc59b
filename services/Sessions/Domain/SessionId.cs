using System.Security.Cryptography;

namespace AmazonScale.Sessions.Domain;

/// <summary>Session ids: 128 CSPRNG bits as 32 lowercase hex characters. Not secret (they name a session in URLs), only unguessable.</summary>
public static class SessionId
{
    public const int Length = 32;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2));

    public static bool IsWellFormed(ReadOnlySpan<char> id)
    {
        if (id.Length != Length)
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
