using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AmazonScale.UrlShortener.Owners;

/// <summary>Authenticates the operator by X-Admin-Key against configuration, in constant time.</summary>
public sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IProblemDetailsService problems,
    IOptionsMonitor<UrlShortenerOptions> settings)
    : ProblemAuthenticationHandler(options, logger, encoder, problems)
{
    public const string SchemeName = "AdminKey";
    public const string Header = "X-Admin-Key";

    protected override string HeaderName => Header;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var expected = settings.CurrentValue.AdminKey;
        if (expected.Length == 0 || Request.Headers[Header] is not [{ } presented])
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        // Hashing first gives equal-length inputs, so the comparison time reveals nothing about the key.
        var matches = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
        return Task.FromResult(matches
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "admin")], SchemeName)), SchemeName))
            : AuthenticateResult.Fail("wrong admin key"));
    }
}
