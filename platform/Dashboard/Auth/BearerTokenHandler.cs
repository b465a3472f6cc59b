using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AmazonScale.Dashboard.Auth;

/// <summary>Lets scripts call the JSON API with <c>Authorization: Bearer &lt;browser token&gt;</c> instead of a cookie.</summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SecretValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(validator.IsValid(header[Prefix.Length..].Trim())
            ? AuthenticateResult.Success(new AuthenticationTicket(DashboardAuthentication.CreateUser(Scheme.Name), Scheme.Name))
            : AuthenticateResult.Fail("Invalid dashboard token."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        DashboardAuthentication.WriteUnauthorizedAsync(Context);
}
