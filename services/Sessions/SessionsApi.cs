using AmazonScale.Sessions.Access;
using AmazonScale.Sessions.Actors;
using AmazonScale.Sessions.Domain;
using AmazonScale.Sessions.Events;
using AmazonScale.Sessions.Lifecycle;
using AmazonScale.Sessions.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AmazonScale.Sessions;

public static class SessionsApi
{
    public static WebApplication MapSessionsApi(this WebApplication app)
    {
        var sessions = app.MapGroup("/api/v1/sessions").WithTags("Sessions");
        sessions.MapPost("/", CreateSession).AddEndpointFilter<AdminKeyFilter>()
            .WithName(nameof(CreateSession)).WithSummary("Open a session (login backends, admin key): an access and a refresh token, shown once.");
        sessions.MapPost("/validate", ValidateToken)
            .WithName(nameof(ValidateToken)).WithSummary("Validate an access token from the in-process cache; slides the idle timeout.");
        sessions.MapPost("/refresh", RefreshSession)
            .WithName(nameof(RefreshSession)).WithSummary("Rotate both tokens; reusing an old refresh token revokes the session.");
        sessions.MapDelete("/{sessionId}", Logout)
            .WithName(nameof(Logout)).WithSummary("End one session (its user's bearer token, or the admin key).");
        sessions.MapGet("/{sessionId}/debug", DescribeSession).AddEndpointFilter<AdminKeyFilter>()
            .WithName(nameof(DescribeSession)).WithSummary("A session's state without token material (admin key).");

        var users = app.MapGroup("/api/v1/users/{userId}/sessions").WithTags("Users");
        users.MapGet("/", ListUserSessions).WithName(nameof(ListUserSessions)).WithSummary("The user's open sessions (devices).");
        users.MapDelete("/", LogoutEverywhere).WithName(nameof(LogoutEverywhere)).WithSummary("Force logout: end every session of the user.");

        app.MapPost("/events/session-changed", OnSessionChanged).WithTopic(DaprComponents.Broadcast, nameof(SessionChanged)).ExcludeFromDescription();
        app.MapOpenApi();
        return app;
    }

    public static async Task<Results<Created<SessionTokensResponse>, ValidationProblem>> CreateSession(
        CreateSessionBody body, SessionLifecycle lifecycle, CancellationToken cancellationToken)
    {
        var errors = SessionInput.Validate(body, out var request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var opened = await lifecycle.OpenAsync(request!, cancellationToken);
        return TypedResults.Created($"/api/v1/sessions/{opened.Session.SessionId}", SessionTokensResponse.From(opened));
    }

    public static async Task<Results<Ok<ValidationResponse>, ValidationProblem, ProblemHttpResult>> ValidateToken(
        ValidateBody body, SessionValidator validator, HttpResponse response)
    {
        var errors = new Dictionary<string, string[]>();
        SessionInput.RequireToken(errors, "token", body.Token);
        var client = SessionInput.ReadClient(errors, body.Ip, body.UserAgent, body.Country);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var result = await validator.ValidateAsync(body.Token, client);
        if (!result.IsValid)
        {
            return Problems.InvalidToken(response, result.Verdict);
        }
        var session = result.Session!;
        return TypedResults.Ok(new ValidationResponse(
            true, session.SessionId, session.UserId, session.Device, session.RememberMe, session.AccessExpiresAt, result.IdleDeadline, session.ExpiresAt));
    }

    public static async Task<Results<Ok<SessionTokensResponse>, ValidationProblem, ProblemHttpResult>> RefreshSession(
        RefreshBody body, SessionLifecycle lifecycle, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        SessionInput.RequireToken(errors, "refresh_token", body.RefreshToken);
        var client = SessionInput.ReadClient(errors, body.Ip, body.UserAgent, body.Country);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!SessionToken.TryParse(body.RefreshToken, TokenKind.Refresh, out var refreshToken))
        {
            return Problems.InvalidRefresh(response, RefreshOutcome.Unknown);
        }
        var attempt = await lifecycle.RefreshAsync(refreshToken, client, cancellationToken);
        return attempt.Opened is { } opened ? TypedResults.Ok(SessionTokensResponse.From(opened)) : Problems.InvalidRefresh(response, attempt.Outcome);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Logout(
        string sessionId, HttpRequest request, CallerResolver callers, SessionLifecycle lifecycle, CancellationToken cancellationToken)
    {
        if (await callers.ResolveAsync(request) is not { } caller)
        {
            return Problems.Unauthorized("Send the session's bearer access token (or the admin key).");
        }
        if (!SessionId.IsWellFormed(sessionId) || await lifecycle.FindAsync(sessionId) is not { } session)
        {
            return Problems.SessionNotFound(sessionId);
        }
        if (!caller.MayActFor(session.UserId))
        {
            return Problems.Forbidden();
        }
        return await lifecycle.EndAsync(sessionId, EndReasons.Logout, cancellationToken) ? TypedResults.NoContent() : Problems.SessionNotFound(sessionId);
    }

    public static async Task<Results<Ok<SessionDebugView>, ProblemHttpResult>> DescribeSession(
        string sessionId, SessionLifecycle lifecycle, CancellationToken cancellationToken) =>
        SessionId.IsWellFormed(sessionId) && await lifecycle.DescribeAsync(sessionId, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : Problems.SessionNotFound(sessionId);

    public static async Task<Results<Ok<UserSessionsResponse>, ProblemHttpResult>> ListUserSessions(
        string userId, HttpRequest request, CallerResolver callers, SessionLifecycle lifecycle, CancellationToken cancellationToken)
    {
        var (caller, denied) = await AuthorizeForUserAsync(userId, request, callers);
        if (denied is not null)
        {
            return denied;
        }
        var sessions = await lifecycle.ListAsync(userId, cancellationToken);
        return TypedResults.Ok(new UserSessionsResponse(userId, sessions.Select(entry => new UserSessionResponse(
            entry.SessionId, entry.Device, entry.Client.Ip, entry.Client.Country, entry.CreatedAt, entry.ExpiresAt,
            Current: entry.SessionId == caller!.Session?.SessionId)).ToList()));
    }

    public static async Task<Results<Ok<LogoutEverywhereResponse>, ProblemHttpResult>> LogoutEverywhere(
        string userId, HttpRequest request, CallerResolver callers, SessionLifecycle lifecycle, CancellationToken cancellationToken)
    {
        var (_, denied) = await AuthorizeForUserAsync(userId, request, callers);
        if (denied is not null)
        {
            return denied;
        }
        return TypedResults.Ok(new LogoutEverywhereResponse(userId, await lifecycle.EndAllAsync(userId, cancellationToken)));
    }

    /// <summary>Malformed events are acknowledged and dropped: retrying them could never succeed.</summary>
    public static Ok OnSessionChanged(SessionChanged change, SessionCache cache)
    {
        if (change.SessionId is { } id && SessionId.IsWellFormed(id))
        {
            cache.Apply(id, change.Generation, change.Ended);
        }
        return TypedResults.Ok();
    }

    private static async Task<(Caller? Caller, ProblemHttpResult? Denied)> AuthorizeForUserAsync(string userId, HttpRequest request, CallerResolver callers)
    {
        if (await callers.ResolveAsync(request) is not { } caller)
        {
            return (null, Problems.Unauthorized("Send a bearer access token of this user (or the admin key)."));
        }
        return SessionInput.IdPattern().IsMatch(userId) && caller.MayActFor(userId) ? (caller, null) : (caller, Problems.Forbidden());
    }
}
