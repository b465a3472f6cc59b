using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AmazonScale.UrlShortener.Owners;

/// <summary>Authenticates owners by the X-Api-Key header.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IProblemDetailsService problems, ApiKeys keys)
    : ProblemAuthenticationHandler(options, logger, encoder, problems)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override string HeaderName => Header;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header] is not [{ } presented])
        {
            return AuthenticateResult.NoResult();
        }
        var record = await keys.ResolveAsync(presented, Context.RequestAborted);
        return record is null
            ? AuthenticateResult.Fail("unknown API key")
            : AuthenticateResult.Success(new AuthenticationTicket(Caller.Principal(record, SchemeName), SchemeName));
    }
}
