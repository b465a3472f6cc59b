using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.Sessions.Domain;

/// <summary>
/// Opaque bearer tokens: "sat_" (access) or "srt_" (refresh), the session id, "_", then 256 CSPRNG bits in base64url.
/// The session id lets a cache miss go straight to the session's actor with no token index; the secret part carries
/// all the entropy. Only the SHA-256 of the whole text is ever stored, and hashes are compared in constant time.
/// </summary>
public readonly record struct SessionToken(TokenKind Kind, string SessionId, string Text)
{
    public const int SecretBytes = 32;
    private const int PrefixLength = 4;
    private const int SecretLength = 43;
    public const int Length = PrefixLength + Domain.SessionId.Length + 1 + SecretLength;

    public static SessionToken Issue(TokenKind kind, string sessionId)
    {
        var text = $"{Prefix(kind)}{sessionId}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes))}";
        return new SessionToken(kind, sessionId, text);
    }

    /// <summary>Strict shape check before any hashing or lookup: the exact length, prefix, a well-formed id and a base64url secret.</summary>
    public static bool TryParse(string? text, TokenKind kind, out SessionToken token)
    {
        token = default;
        if (text is null || text.Length != Length || !text.StartsWith(Prefix(kind), StringComparison.Ordinal))
        {
            return false;
        }
        var id = text.AsSpan(PrefixLength, Domain.SessionId.Length);
        var separatorAt = PrefixLength + Domain.SessionId.Length;
        if (!Domain.SessionId.IsWellFormed(id) || text[separatorAt] != '_' || !Base64Url.IsValid(text.AsSpan(separatorAt + 1), out var decodedLength)
            || decodedLength != SecretBytes)
        {
            return false;
        }
        token = new SessionToken(kind, id.ToString(), text);
        return true;
    }

    public byte[] Hash() => HashOf(Text);

    public static byte[] HashOf(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    /// <summary>Constant-time: the time taken says nothing about how many leading bytes matched.</summary>
    public static bool HashesMatch(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> stored) =>
        CryptographicOperations.FixedTimeEquals(presented, stored);

    /// <summary>Never the token itself: records, logs and debuggers only ever see the kind and session id.</summary>
    public override string ToString() => $"{Kind} token of session {SessionId}";

    private static string Prefix(TokenKind kind) => kind == TokenKind.Access ? "sat_" : "srt_";
}
