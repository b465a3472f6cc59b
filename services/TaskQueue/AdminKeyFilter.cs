using System.Security.Cryptography;
using System.Text;

namespace AmazonScale.TaskQueue;

/// <summary>
/// Dead-letter administration needs TaskQueue:AdminKey in X-Admin-Key. Both sides are SHA-256 hashed before a
/// fixed-time comparison, so neither the key's content nor its length leaks through timing; it is never logged.
/// </summary>
public sealed class AdminKeyFilter(TaskQueueOptions options) : IEndpointFilter
{
    public const string HeaderName = "X-Admin-Key";
    private const int MaxLength = 512;
    private readonly byte[]? _keyHash = string.IsNullOrEmpty(options.AdminKey) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.AdminKey));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_keyHash is null)
        {
            return TypedResults.Problem(Problems.Unauthorized("Administration is disabled: TaskQueue:AdminKey is not configured."));
        }
        var presented = context.HttpContext.Request.Headers[HeaderName].ToString();
        var valid = presented.Length is > 0 and <= MaxLength
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _keyHash);
        return valid ? await next(context) : TypedResults.Problem(Problems.Unauthorized($"A valid {HeaderName} header is required."));
    }
}
