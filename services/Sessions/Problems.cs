using AmazonScale.Sessions.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AmazonScale.Sessions;

/// <summary>The RFC 9457 problems this API answers with, worded once.</summary>
public static class Problems
{
    public static ProblemHttpResult Unauthorized(string detail) => TypedResults.Problem(New(401, "Unauthorized", detail));

    /// <summary>Token failures say what to do next (refresh, log in again) without telling a forger which part was wrong.</summary>
    public static ProblemHttpResult InvalidToken(HttpResponse response, AccessVerdict verdict) => Challenge(response, "Invalid token", verdict switch
    {
        AccessVerdict.TokenExpired => "The access token has expired; refresh it.",
        AccessVerdict.SessionEnded => "The session has ended; log in again.",
        AccessVerdict.BindingMismatch => "The token is not valid from this client.",
        _ => "The token is not valid.",
    });

    public static ProblemHttpResult InvalidRefresh(HttpResponse response, RefreshOutcome outcome) => Challenge(response, "Invalid refresh token", outcome switch
    {
        RefreshOutcome.Reused => "This refresh token was already used; the session has been revoked. Log in again.",
        RefreshOutcome.RaceLost => "This refresh token was just rotated by another request; use the tokens it returned.",
        RefreshOutcome.Ended => "The session has ended; log in again.",
        _ => "The refresh token is not valid.",
    });

    public static ProblemHttpResult Forbidden() => TypedResults.Problem(New(403, "Forbidden", "This credential may not act for that user."));

    public static ProblemHttpResult SessionNotFound(string sessionId) => TypedResults.Problem(New(404, "Session not found", $"No live session '{sessionId}'."));

    /// <summary>RFC 6750: a rejected bearer token is answered with WWW-Authenticate naming the error.</summary>
    private static ProblemHttpResult Challenge(HttpResponse response, string title, string detail)
    {
        response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return TypedResults.Problem(New(401, title, detail));
    }

    private static ProblemDetails New(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
