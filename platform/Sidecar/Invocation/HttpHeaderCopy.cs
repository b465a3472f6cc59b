using Microsoft.AspNetCore.Http;

namespace AmazonScale.Sidecar.Invocation;

/// <summary>
/// Copies headers between ASP.NET Core and HttpClient messages the way a proxy must: never the hop-by-hop
/// headers (copying Transfer-Encoding corrupts the client's read), never Host, never the caller's API token,
/// and never trace headers, which HttpClient's diagnostics handler rewrites for the sidecar's own span.
/// </summary>
public static class HttpHeaderCopy
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host", "Content-Length", Hosting.ApiTokenVerifier.HeaderName,
        Discovery.PeerAuthentication.HeaderName, "traceparent", "tracestate", "Request-Id", "Correlation-Context", "baggage",
    };

    public static bool IsForwarded(string name) => !NotForwarded.Contains(name);

    public static void CopyRequestHeaders(HttpRequest from, HttpRequestMessage to)
    {
        foreach (var (name, values) in from.Headers)
        {
            if (!IsForwarded(name))
            {
                continue;
            }
            if (!to.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                to.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
    }

    public static void CopyResponseHeaders(HttpResponseMessage from, HttpResponse to)
    {
        foreach (var (name, values) in from.Headers.Concat(from.Content.Headers))
        {
            if (IsForwarded(name) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                to.Headers[name] = values.ToArray();
            }
        }
    }
}
