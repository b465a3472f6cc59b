using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>Admits only callers presenting the service's <see cref="AdminKey"/>; everyone else gets a 401 problem.</summary>
public sealed class AdminKeyFilter(AdminKey adminKey) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        adminKey.IsPresentedBy(context.HttpContext.Request)
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: adminKey.IsConfigured
                    ? $"A valid {AdminKey.HeaderName} header is required."
                    : $"Administration is disabled: no {adminKey.SettingName} is configured."));
}
