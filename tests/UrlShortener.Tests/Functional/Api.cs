using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AmazonScale.UrlShortener.Tests.Functional;

/// <summary>Small helpers for calling the service and reading its JSON (snake_case) answers.</summary>
public static class Api
{
    public static async Task<JsonElement> CreateAsync(this HttpClient owner, object body)
    {
        using var response = await owner.PostAsJsonAsync("api/v1/urls", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {json}");
        return json;
    }

    public static async Task<string> ShortenAsync(this HttpClient owner, string url) =>
        (await owner.CreateAsync(new { url })).GetProperty("code").GetString()!;

    public static async Task<HttpResponseMessage> FollowAsync(this HttpClient client, string code, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"r/{code}");
        configure?.Invoke(request);
        return await client.SendAsync(request);
    }

    public static async Task<int> ListCountAsync(this HttpClient owner)
    {
        using var response = await owner.GetAsync("api/v1/urls");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("total").GetInt32();
    }
}
