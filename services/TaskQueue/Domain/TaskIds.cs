using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.TaskQueue.Domain;

/// <summary>
/// Task ids. With an Idempotency-Key the id is derived from the key, so a repeated submission lands on the same task
/// actor, which keeps the first one: no separate key table to lose or race on.
/// </summary>
public static class TaskIds
{
    private const int Length = 26;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string New() => "t" + Encode(RandomNumberGenerator.GetBytes(20));

    public static string FromIdempotencyKey(string key) => "k" + Encode(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsValid(string id) =>
        id.Length == Length + 1 && id[0] is 't' or 'k' && id.AsSpan(1).IndexOfAnyExcept(Alphabet) < 0;

    private static string Encode(byte[] bytes)
    {
        var text = new StringBuilder(Length);
        var bits = 0;
        var buffer = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5 && text.Length < Length)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }
        return text.ToString();
    }
}
