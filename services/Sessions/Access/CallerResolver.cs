using AmazonScale.Sessions.Domain;
using AmazonScale.Sessions.Validation;
using Microsoft.Net.Http.Headers;

namespace AmazonScale.Sessions.Access;

/// <summary>Reads X-Admin-Key or "Authorization: Bearer &lt;access token&gt;" (validated like any other, through the cache).</summary>
public sealed class CallerResolver(AdminKey adminKey, SessionValidator validator)
{
    private const string BearerPrefix = "Bearer ";

    public async ValueTask<Caller?> ResolveAsync(HttpRequest request)
    {
        if (adminKey.IsPresentedBy(request))
        {
            return new Caller(IsAdmin: true, null);
        }
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var result = await validator.ValidateAsync(authorization[BearerPrefix.Length..].Trim(), ClientContext.Unknown);
        return result.IsValid ? new Caller(IsAdmin: false, result.Session) : null;
    }
}
