using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.FlashSale.Sales;

/// <summary>
/// Admits administration calls carrying the configured key in X-Admin-Key. Both sides are hashed first so the
/// comparison is constant-time whatever the length; the key itself is never logged.
/// </summary>
public sealed class AdminKeyFilter(FlashSaleOptions options) : IEndpointFilter
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
            return ValueTask.FromResult<object?>(Problems.New(
                StatusCodes.Status401Unauthorized,
                "Unauthorized",
                _expectedHash is null ? "Sale administration is disabled: no FlashSale:AdminKey is configured." : $"A valid {HeaderName} header is required."));
        }
        return next(context);
    }
}
