using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.Sidecar.Hosting;

/// <summary>Constant-time check of the dapr-api-token a caller presents against DAPR_API_TOKEN.</summary>
public sealed class ApiTokenVerifier(SidecarOptions options)
{
    public const string HeaderName = "dapr-api-token";
    private readonly byte[]? _expected = options.ApiToken is null ? null : Encoding.UTF8.GetBytes(options.ApiToken);

    public bool IsEnforced => _expected is not null;

    public bool Matches(string? presented) =>
        _expected is null
        || presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected);
}
