using System.Globalization;
using System.Security.Claims;

namespace AmazonScale.UrlShortener.Owners;

/// <summary>The authenticated owner behind an API key, as claims on the request principal.</summary>
public static class Caller
{
    public const string OwnerIdClaim = "sub";
    public const string MonthlyQuotaClaim = "monthly_quota";

    public static ClaimsPrincipal Principal(ApiKeyRecord key, string scheme) => new(new ClaimsIdentity(
        [new Claim(OwnerIdClaim, key.OwnerId), new Claim(MonthlyQuotaClaim, key.MonthlyQuota.ToString(CultureInfo.InvariantCulture))],
        scheme));

    public static string OwnerId(this ClaimsPrincipal user) =>
        user.FindFirstValue(OwnerIdClaim) ?? throw new InvalidOperationException("endpoint is missing RequireAuthorization().");

    public static long MonthlyQuota(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(MonthlyQuotaClaim) ?? "0", CultureInfo.InvariantCulture);
}
