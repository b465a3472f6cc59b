using System.Net;
using Dapr.Client;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.Samples.HelloWeb;

/// <summary>What hello-api answers (its Greeting contract).</summary>
public sealed record Greeting(string Message, long Count);

/// <summary>The web-facing hello: fetches the greeting from hello-api through Dapr service invocation.</summary>
public sealed record Hello(string Greeting, long Count, string Via);

public static class HelloApi
{
    /// <summary>The Dapr app id of the service that owns greetings.</summary>
    public const string GreetingsAppId = "hello-api";

    /// <summary>
    /// An HttpClient whose requests to http://hello-api/… the sidecar delivers (Dapr service invocation);
    /// registered under the app id so handlers ask for exactly this client.
    /// </summary>
    public static IServiceCollection AddGreetingsClient(this IServiceCollection services) =>
        services.AddKeyedSingleton(GreetingsAppId, (_, _) => DaprClient.CreateInvokeHttpClient(GreetingsAppId));

    public static RouteGroupBuilder MapHelloApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/hello").WithTags("Hello");
        api.MapGet("/{name}", GetHello).WithName(nameof(GetHello)).WithSummary("Greets a name via hello-api.");
        return api;
    }

    public static async Task<Results<Ok<Hello>, ProblemHttpResult>> GetHello(
        string name, [FromKeyedServices(GreetingsAppId)] HttpClient greetings, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await greetings.GetAsync($"api/v1/greetings/{Uri.EscapeDataString(name)}", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // hello-api's client errors (an invalid name) stay client errors; anything else is a bad gateway here.
                var status = (int)response.StatusCode is >= 400 and < 500 ? (int)response.StatusCode : StatusCodes.Status502BadGateway;
                return TypedResults.Problem($"{GreetingsAppId} answered {(int)response.StatusCode}.", statusCode: status);
            }
            var greeting = await response.Content.ReadFromJsonAsync<Greeting>(cancellationToken)
                ?? throw new HttpRequestException($"{GreetingsAppId} answered an empty body.", null, HttpStatusCode.BadGateway);
            return TypedResults.Ok(new Hello(greeting.Message, greeting.Count, GreetingsAppId));
        }
        catch (HttpRequestException ex)
        {
            return TypedResults.Problem($"{GreetingsAppId} is unreachable: {ex.Message}", statusCode: StatusCodes.Status502BadGateway);
        }
    }
}
