using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AmazonScale.Sessions.Tests.Functional;

/// <summary>Calls of the HTTP API (snake_case JSON) used by the functional tests.</summary>
public static class SessionsApiClient
{
    public sealed record Tokens(string SessionId, string UserId, string AccessToken, string RefreshToken);

    public static async Task<Tokens> OpenAsync(this HttpClient admin, string userId, string deviceId = "laptop", bool rememberMe = false, object? extra = null)
    {
        using var response = await admin.PostAsJsonAsync("api/v1/sessions", extra ?? new
        {
            user_id = userId, device_id = deviceId, device_name = "Test device", platform = "web", ip = "203.0.113.7",
            user_agent = "Mozilla/5.0 (Test)", country = "DE", remember_me = rememberMe,
        });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {json}");
        return ReadTokens(json);
    }

    public static Task<HttpResponseMessage> ValidateAsync(this HttpClient client, string token, object? context = null) =>
        client.PostAsJsonAsync("api/v1/sessions/validate", context ?? new { token });

    public static async Task<HttpStatusCode> ValidationStatusAsync(this HttpClient client, string token)
    {
        using var response = await client.ValidateAsync(token);
        return response.StatusCode;
    }

    public static Task<HttpResponseMessage> RefreshAsync(this HttpClient client, string refreshToken) =>
        client.PostAsJsonAsync("api/v1/sessions/refresh", new { refresh_token = refreshToken });

    public static async Task<Tokens> RefreshOkAsync(this HttpClient client, string refreshToken)
    {
        using var response = await client.RefreshAsync(refreshToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {json}");
        return ReadTokens(json);
    }

    private static Tokens ReadTokens(JsonElement json) => new(
        json.GetProperty("session_id").GetString()!, json.GetProperty("user_id").GetString()!,
        json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString()!);
}
