using System.Net.Http.Headers;

namespace AmazonScale.Sidecar.AppChannel;

/// <summary>
/// The sidecar's connection to its own app (daprd's "app channel"): plain HTTP to
/// app-channel-address:app-port, with APP_API_TOKEN attached to every call. Trace context is added by
/// HttpClient's diagnostics handler from the current activity, so spans chain app → sidecar → app.
/// </summary>
public sealed class AppChannel
{
    private readonly HttpClient? _http;
    private readonly string? _appApiToken;

    public AppChannel(Hosting.SidecarOptions options, IHttpClientFactory clients)
    {
        _appApiToken = options.AppApiToken;
        if (options.AppPort is { } port)
        {
            _http = clients.CreateClient(nameof(AppChannel));
            _http.BaseAddress = new Uri($"http://{options.AppChannelAddress}:{port}/");
            Address = _http.BaseAddress;
        }
    }

    public bool IsConfigured => _http is not null;

    public Uri? Address { get; }

    /// <summary>Sends to the app. The request URI must be relative (e.g. "dapr/config" or "orders?x=1").</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        if (_http is null)
        {
            throw new InvalidOperationException("This sidecar was started without --app-port.");
        }
        if (_appApiToken is not null)
        {
            request.Headers.Remove(Hosting.ApiTokenVerifier.HeaderName);
            request.Headers.TryAddWithoutValidation(Hosting.ApiTokenVerifier.HeaderName, _appApiToken);
        }
        return _http.SendAsync(request, completion, cancellationToken);
    }

    public async Task<HttpResponseMessage> GetAsync(string relativePath, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relativePath);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }
}
