namespace AmazonScale.Sessions.Access;

/// <summary>Admits only callers presenting the admin key (trusted login backends, operators).</summary>
public sealed class AdminKeyFilter(AdminKey adminKey) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        adminKey.IsPresentedBy(context.HttpContext.Request)
            ? next(context)
            : ValueTask.FromResult<object?>(Problems.Unauthorized(adminKey.IsConfigured
                ? $"A valid {AdminKey.HeaderName} header is required."
                : "This endpoint is disabled: no Sessions:AdminKey is configured."));
}
