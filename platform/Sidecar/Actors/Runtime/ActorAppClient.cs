using System.Net.Http.Headers;
using System.Text;

namespace AmazonScale.Sidecar.Actors.Runtime;

/// <summary>
/// The runtime → app half of the actor protocol (dapr-protocol 3.1): method calls, timer and reminder
/// callbacks and deactivation on the routes Dapr.Actors.AspNetCore maps. Responses are read fully, so the
/// turn covers the app's whole answer.
/// </summary>
public sealed class ActorAppClient(AppChannel.AppChannel app)
{
    /// <summary>The app-relative path of a method (or "timer/{name}", "remind/{name}"); <paramref name="method"/> is unescaped.</summary>
    public static string MethodPath(ActorKey actor, string method) =>
        $"actors/{Uri.EscapeDataString(actor.Type)}/{Uri.EscapeDataString(actor.Id)}/method/{Invocation.ActorMethodName.ToPath(method)}";

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        app.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);

    /// <summary>
    /// PUT .../method/timer/{name} or .../method/remind/{name} with the callback JSON body; the reentrancy id
    /// lets actor calls made by the callback re-enter its turn.
    /// </summary>
    public static HttpRequestMessage Callback(ActorKey actor, string kind, string name, string json, string? reentrancyId)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, MethodPath(actor, $"{kind}/{name}"))
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (reentrancyId is not null)
        {
            request.Headers.TryAddWithoutValidation(ActorInvoker.ReentrancyHeader, reentrancyId);
        }
        return request;
    }

    public async Task DeactivateAsync(ActorKey actor, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"actors/{Uri.EscapeDataString(actor.Type)}/{Uri.EscapeDataString(actor.Id)}");
        using var response = await SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
