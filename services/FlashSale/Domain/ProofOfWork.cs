using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.FlashSale.Domain;

/// <summary>
/// Hashcash-style challenges: a signed challenge bound to the client and an expiry; a solution is any string whose
/// SHA-256 over "challenge:solution" starts with the required number of zero bits. Cheap to check, costly in bulk.
/// </summary>
public sealed class ProofOfWork(TokenSigner signer)
{
    public const int MaxSolutionLength = 64;

    public string Issue(string clientKey, DateTimeOffset expiresAt, int difficultyBits) =>
        signer.Sign("c", clientKey, expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            difficultyBits.ToString(CultureInfo.InvariantCulture), RandomNumberGenerator.GetHexString(16, lowercase: true));

    public bool IsSolved(string? challenge, string? solution, string clientKey, DateTimeOffset now) =>
        signer.Verify(challenge) is ["c", var key, var expires, var bits, _]
        && key == clientKey
        && long.TryParse(expires, CultureInfo.InvariantCulture, out var expiresAt) && now.ToUnixTimeSeconds() < expiresAt
        && int.TryParse(bits, CultureInfo.InvariantCulture, out var difficulty)
        && solution is { Length: > 0 and <= MaxSolutionLength }
        && LeadingZeroBits(challenge!, solution) >= difficulty;

    /// <summary>What an honest client runs: tries counters until one works.</summary>
    public static string Solve(string challenge, int difficultyBits)
    {
        for (var counter = 0L; ; counter++)
        {
            var solution = counter.ToString(CultureInfo.InvariantCulture);
            if (LeadingZeroBits(challenge, solution) >= difficultyBits)
            {
                return solution;
            }
        }
    }

    private static int LeadingZeroBits(string challenge, string solution)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{challenge}:{solution}"));
        var first = BinaryPrimitives.ReadUInt64BigEndian(hash);
        return first == 0 ? 64 : System.Numerics.BitOperations.LeadingZeroCount(first);
    }
}
