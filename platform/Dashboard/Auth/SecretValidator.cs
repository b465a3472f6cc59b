using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.Dashboard.Auth;

/// <summary>Keeps only a hash of a secret (browser token, OTLP API key) and compares candidates in constant time.</summary>
public sealed class SecretValidator(string secret)
{
    private readonly byte[] _secretHash = Hash(secret);

    public bool IsValid(string? candidate) =>
        !string.IsNullOrEmpty(candidate)
        && candidate.Length <= 1024
        && CryptographicOperations.FixedTimeEquals(Hash(candidate), _secretHash);

    // Hashing first makes both inputs the same length, so the comparison time reveals nothing about the secret.
    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
