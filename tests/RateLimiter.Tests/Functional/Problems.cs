using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AmazonScale.RateLimiter.Tests.Functional;

internal static class Problems
{
    /// <summary>Asserts an RFC 9457 problem+json answer with the given status and returns its body.</summary>
    public static async Task<JsonObject> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal((int)status, (int?)problem!["status"]);
            Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
            return problem;
        }
    }
}
