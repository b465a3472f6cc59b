using AmazonScale.Sessions.Domain;

namespace AmazonScale.Sessions.Lifecycle;

// The HTTP API's bodies (snake_case JSON). Everything a client sends is nullable: missing fields are reported
// as validation problems, not as deserialisation failures.

public sealed record CreateSessionBody(
    string? UserId, string? DeviceId, string? DeviceName, DevicePlatform? Platform, string? Ip, string? UserAgent, string? Country,
    bool? RememberMe, bool? BindIp);

public sealed record ValidateBody(string? Token, string? Ip, string? UserAgent, string? Country);

public sealed record RefreshBody(string? RefreshToken, string? Ip, string? UserAgent, string? Country);

public sealed record SessionTokensResponse(
    string SessionId,
    string UserId,
    string TokenType,
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt)
{
    public static SessionTokensResponse From(OpenedSession opened) => new(
        opened.Session.SessionId, opened.Session.UserId, "Bearer", opened.Tokens.Access.Text, opened.Session.AccessExpiresAt,
        opened.Tokens.Refresh.Text, opened.Session.ExpiresAt);
}

public sealed record ValidationResponse(
    bool Valid,
    string SessionId,
    string UserId,
    Device Device,
    bool RememberMe,
    DateTimeOffset AccessTokenExpiresAt,
    DateTimeOffset IdleExpiresAt,
    DateTimeOffset SessionExpiresAt);

public sealed record UserSessionResponse(string SessionId, Device Device, string? Ip, string? Country, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Current);

public sealed record UserSessionsResponse(string UserId, IReadOnlyList<UserSessionResponse> Sessions);

public sealed record LogoutEverywhereResponse(string UserId, int Ended);
