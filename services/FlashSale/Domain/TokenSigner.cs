using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.FlashSale.Domain;

/// <summary>
/// Compact HMAC-SHA256 tokens: base64url(fields joined by '|') + "." + base64url(mac). Verification recomputes the
/// MAC and compares in constant time; fields must not contain '|' (callers validate ids against a strict pattern).
/// </summary>
public sealed class TokenSigner
{
    public const int MaxTokenLength = 1024;
    private const char Separator = '|';
    private readonly byte[] _key;

    public TokenSigner(byte[] key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("The signing key must have at least 32 bytes.", nameof(key));
        }
        _key = key;
    }

    public string Sign(params string[] fields)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join(Separator, fields));
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload))}";
    }

    /// <summary>The fields of an authentic token, or null for anything malformed, oversized or tampered with.</summary>
    public string[]? Verify(string? token)
    {
        if (token is not { Length: > 0 and <= MaxTokenLength } || token.Split('.') is not [var payloadText, var macText])
        {
            return null;
        }
        try
        {
            var payload = Base64Url.DecodeFromChars(payloadText);
            var mac = Base64Url.DecodeFromChars(macText);
            return CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(_key, payload))
                ? Encoding.UTF8.GetString(payload).Split(Separator)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
