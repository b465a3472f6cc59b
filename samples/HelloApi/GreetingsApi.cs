using Dapr.Client;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.Samples.HelloApi;

/// <summary>A greeting plus how many times this name was greeted, counted in the Dapr state store.</summary>
public sealed record Greeting(string Message, long Count);

public static class GreetingsApi
{
    /// <summary>The Dapr state store component name (components/&lt;profile&gt;/statestore.yaml).</summary>
    public const string StateStore = "statestore";

    private const int MaxConcurrencyRetries = 5;

    public static RouteGroupBuilder MapGreetingsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/greetings").WithTags("Greetings");
        api.MapGet("/{name}", GetGreeting).WithName(nameof(GetGreeting)).WithSummary("Greets a name and counts the greetings.");
        return api;
    }

    public static async Task<Results<Ok<Greeting>, ProblemHttpResult>> GetGreeting(string name, DaprClient dapr, CancellationToken cancellationToken)
    {
        if (!GreetingName.IsValid(name))
        {
            return TypedResults.Problem(
                $"The name must be 1-{GreetingName.MaxLength} letters, digits, '-', '_' or '.'.", statusCode: StatusCodes.Status400BadRequest);
        }

        for (var attempt = 0; attempt < MaxConcurrencyRetries; attempt++)
        {
            var key = $"greetings-{name}";
            var (count, etag) = await dapr.GetStateAndETagAsync<long>(StateStore, key, cancellationToken: cancellationToken);
            if (await dapr.TrySaveStateAsync(StateStore, key, count + 1, etag ?? "", cancellationToken: cancellationToken))
            {
                return TypedResults.Ok(new Greeting($"Hello, {name}!", count + 1));
            }
        }
        return TypedResults.Problem("The greeting counter is too contended; retry.", statusCode: StatusCodes.Status409Conflict);
    }
}
