using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.RateLimiter.Policies;

/// <summary>
/// Admits administration calls carrying the configured key in X-Admin-Key. Both sides are hashed first
/// so the comparison is constant-time regardless of length; the key itself is never logged.
/// </summary>
public sealed class AdminKeyFilter(RateLimiterOptions options) : IEndpointFilter
{
    public const string HeaderName = "X-Admin-Key";
    private const int MaxPresentedLength = 512;
    private readonly byte[]? _expectedHash = options.AdminKey is { Length: > 0 } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (_expectedHash is null || presented.Length is 0 or > MaxPresentedLength
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expectedHash))
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: _expectedHash is null ? "Policy administration is disabled: no RateLimiter:AdminKey is configured." : $"A valid {HeaderName} header is required."));
        }
        return next(context);
    }
}
