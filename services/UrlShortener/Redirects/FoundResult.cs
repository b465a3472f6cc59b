namespace AmazonScale.UrlShortener.Redirects;

/// <summary>
/// 302 Found with its Location. TypedResults.Redirect answers the same, but resolves a logger from the request's
/// services on every call, which creates the request's DI scope: on the redirect path that is the only user of it.
/// </summary>
public sealed class FoundResult(string location) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status302Found;
        httpContext.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}
