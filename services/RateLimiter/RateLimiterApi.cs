using System.Diagnostics.CodeAnalysis;
using AmazonScale.RateLimiter.Checks;
using AmazonScale.RateLimiter.Domain;
using AmazonScale.RateLimiter.Envoy;
using AmazonScale.RateLimiter.Events;
using AmazonScale.RateLimiter.Policies;
using Dapr;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.RateLimiter;

public static class RateLimiterApi
{
    public static WebApplication MapRateLimiterApi(this WebApplication app)
    {
        var policies = app.MapGroup("/api/v1/policies").WithTags("Policies").AddEndpointFilter<AdminKeyFilter>();
        policies.MapGet("/", ListPolicies).WithName(nameof(ListPolicies)).WithSummary("List every policy (from the state store).");
        policies.MapGet("/{id}", GetPolicy).WithName(nameof(GetPolicy)).WithSummary("Get one policy.");
        policies.MapPost("/", CreatePolicy).WithName(nameof(CreatePolicy)).WithSummary("Create a policy; applied on every instance within a second.");
        policies.MapPut("/{id}", ReplacePolicy).WithName(nameof(ReplacePolicy)).WithSummary("Create or replace a policy (its client assignments are kept).");
        policies.MapDelete("/{id}", DeletePolicy).WithName(nameof(DeletePolicy)).WithSummary("Delete a policy.");
        policies.MapPut("/{id}/clients", ReplaceClients).WithName(nameof(ReplaceClients)).WithSummary("Replace the per-client limit overrides of a policy.");

        var checks = app.MapGroup("/api/v1/ratelimit").WithTags("Checks");
        checks.MapPost("/check", Check).WithName(nameof(Check)).WithSummary("Decide whether a request may proceed (async: answer from local knowledge at once).");
        checks.MapPost("/enforce", Enforce).WithName(nameof(Enforce)).WithSummary("Like check, but answers 429 problem+json with Retry-After and RateLimit headers when denied.");
        checks.MapGet("/status", Status).WithName(nameof(Status)).WithSummary("Usage of every policy that applies to a client (query: client_id and other descriptors).");

        app.MapPost("/events/policy-changed", OnPolicyChanged).WithTopic(DaprComponents.Broadcast, nameof(PolicyChanged)).ExcludeFromDescription();
        // gRPC needs HTTP/2: Envoy reaches it on the h2c endpoint Kestrel:Endpoints:Grpc (default 5302).
        app.MapGrpcService<EnvoyRateLimitService>();
        app.MapOpenApi();
        return app;
    }

    public static async Task<Ok<PolicyResponse[]>> ListPolicies(PolicyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.LoadAllAsync(cancellationToken)).OrderBy(policy => policy.Id, StringComparer.Ordinal).Select(PolicyResponse.From).ToArray());

    public static async Task<Results<Ok<PolicyResponse>, ProblemHttpResult>> GetPolicy(string id, PolicyStore store, CancellationToken cancellationToken) =>
        PolicyValidation.IdPattern().IsMatch(id) && await store.GetAsync(id, cancellationToken) is { } policy
            ? TypedResults.Ok(PolicyResponse.From(policy))
            : PolicyNotFound(id);

    public static async Task<Results<Created<PolicyResponse>, ValidationProblem, ProblemHttpResult>> CreatePolicy(PolicyBody body, PolicyStore store, RateLimitEngine engine, CancellationToken cancellationToken)
    {
        var errors = PolicyValidation.Validate(body, body.Id ?? "", out var policy);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var saved = await store.SaveAsync(policy!.Id, current => current is null ? policy : null, cancellationToken);
        ApplyLocally(engine, saved);
        return saved is not null
            ? TypedResults.Created($"/api/v1/policies/{saved.Id}", PolicyResponse.From(saved))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Policy exists", detail: $"Policy '{policy.Id}' already exists; use PUT to replace it.");
    }

    public static async Task<Results<Ok<PolicyResponse>, ValidationProblem>> ReplacePolicy(string id, PolicyBody body, PolicyStore store, RateLimitEngine engine, CancellationToken cancellationToken)
    {
        var errors = PolicyValidation.Validate(body, id, out var policy);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var saved = await store.SaveAsync(id, current => policy! with { Clients = current?.Clients ?? [] }, cancellationToken);
        ApplyLocally(engine, saved);
        return TypedResults.Ok(PolicyResponse.From(saved!));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePolicy(string id, PolicyStore store, RateLimitEngine engine, CancellationToken cancellationToken)
    {
        if (!PolicyValidation.IdPattern().IsMatch(id) || !await store.DeleteAsync(id, cancellationToken))
        {
            return PolicyNotFound(id);
        }
        engine.Remove(id);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PolicyResponse>, ValidationProblem, ProblemHttpResult>> ReplaceClients(
        string id, List<ClientAssignmentBody> body, PolicyStore store, RateLimitEngine engine, CancellationToken cancellationToken)
    {
        var errors = PolicyValidation.Validate(body, out var assignments);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!PolicyValidation.IdPattern().IsMatch(id))
        {
            return PolicyNotFound(id);
        }
        var saved = await store.SaveAsync(id, current => current is null ? null : current with { Clients = assignments }, cancellationToken);
        ApplyLocally(engine, saved);
        return saved is not null ? TypedResults.Ok(PolicyResponse.From(saved)) : PolicyNotFound(id);
    }

    // ValueTask: a check nearly always completes synchronously (leases are spent locally), so no Task per check.
    public static async ValueTask<Results<Ok<CheckResponse>, ValidationProblem>> Check(
        CheckBody body, RateLimitEngine engine, TimeProvider clock, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!TryReadCheck(body, out var descriptors, out var weight, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        var result = await engine.CheckAsync(descriptors, weight, waitForOwner: body.Async != true, cancellationToken);
        WriteHeaders(response, result);
        return TypedResults.Ok(CheckResponse.From(result, clock.GetUtcNow()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Enforce(
        CheckBody body, RateLimitEngine engine, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!TryReadCheck(body, out var descriptors, out var weight, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }
        var result = await engine.CheckAsync(descriptors, weight, waitForOwner: body.Async != true, cancellationToken);
        WriteHeaders(response, result);
        if (result.Allowed)
        {
            return TypedResults.NoContent();
        }
        var deciding = result.Deciding!;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too Many Requests",
            detail: $"Rate limit policy '{deciding.Policy.Id}' allows {deciding.Decision.Limit} per {WindowText.Format(deciding.Policy.Window)}.",
            extensions: new Dictionary<string, object?>
            {
                ["policy_applied"] = deciding.Policy.Id,
                ["retry_after"] = RateLimitHeaders.RetryAfterSeconds(deciding.Decision.RetryAfter),
            });
    }

    public static Results<Ok<StatusResponse>, ValidationProblem> Status(HttpRequest request, RateLimitEngine engine, TimeProvider clock)
    {
        var descriptors = request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        if (PolicyValidation.DescriptorErrors(descriptors) is { Length: > 0 } errors)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["descriptors"] = errors });
        }
        var usage = CheckResponse.Verdicts(engine.Status(new Descriptors(descriptors)), clock.GetUtcNow());
        return TypedResults.Ok(new StatusResponse(descriptors.GetValueOrDefault(RateLimitPolicy.ClientIdDescriptor), usage));
    }

    /// <summary>Malformed events are acknowledged and dropped: retrying them could never succeed.</summary>
    public static async Task<Ok> OnPolicyChanged(PolicyChanged change, PolicySynchronizer synchronizer, CancellationToken cancellationToken)
    {
        if (change.PolicyId is { } id && PolicyValidation.IdPattern().IsMatch(id))
        {
            await synchronizer.ApplyChangeAsync(id, cancellationToken);
        }
        return TypedResults.Ok();
    }

    /// <summary>The instance that wrote a change applies it at once (read-your-writes); the others follow the broadcast event.</summary>
    private static void ApplyLocally(RateLimitEngine engine, RateLimitPolicy? saved)
    {
        if (saved is not null)
        {
            engine.Upsert(saved);
        }
    }

    /// <summary>Validates a check; allocates nothing beyond the descriptors the body already holds unless something is wrong.</summary>
    private static bool TryReadCheck(CheckBody body, out Descriptors descriptors, out long weight, [NotNullWhen(false)] out Dictionary<string, string[]>? errors)
    {
        var values = body.Descriptors ?? [];
        if (body.ClientId is not null)
        {
            values = new Dictionary<string, string>(values, StringComparer.Ordinal) { [RateLimitPolicy.ClientIdDescriptor] = body.ClientId };
        }
        errors = null;
        if (PolicyValidation.DescriptorErrors(values) is { Length: > 0 } descriptorErrors)
        {
            (errors ??= [])["descriptors"] = descriptorErrors;
        }
        weight = body.Weight ?? 1;
        if (weight is < 1 or > PolicyValidation.MaxWeight)
        {
            (errors ??= [])["weight"] = [$"must be between 1 and {PolicyValidation.MaxWeight}"];
        }
        if (values.Count == 0)
        {
            (errors ??= [])["client_id"] = ["a client_id or at least one descriptor is required"];
        }
        descriptors = new Descriptors(values);
        return errors is null;
    }

    /// <summary>RateLimit / RateLimit-Policy describe the enforcing policies; Retry-After accompanies a denial.</summary>
    private static void WriteHeaders(HttpResponse response, CheckResult result)
    {
        if (result.Enforcing.Count > 0)
        {
            response.Headers[RateLimitHeaders.PolicyHeader] = RateLimitHeaders.Policy(result.Enforcing);
            response.Headers[RateLimitHeaders.LimitHeader] = RateLimitHeaders.Limit(result.Enforcing);
        }
        if (!result.Allowed)
        {
            response.Headers.RetryAfter = RateLimitHeaders.RetryAfterSeconds(result.Deciding!.Decision.RetryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static ProblemHttpResult PolicyNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Policy not found", detail: $"No policy '{id}'.");
}
