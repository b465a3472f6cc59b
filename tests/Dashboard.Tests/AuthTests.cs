using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AmazonScale.Dashboard.Tests.Support;

namespace AmazonScale.Dashboard.Tests;

public sealed class AuthTests : IAsyncLifetime
{
    private TestDashboard _dashboard = null!;

    public async Task InitializeAsync() => _dashboard = await TestDashboard.StartAsync();

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    [Fact]
    public async Task Api_without_credentials_gets_401_problem_json()
    {
        var response = await _dashboard.Browser.GetAsync("/api/resources");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Pages_without_credentials_redirect_to_login()
    {
        var response = await _dashboard.Browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Login_with_the_token_sets_an_http_only_cookie_that_opens_pages_and_api()
    {
        var login = await _dashboard.Browser.GetAsync($"/login?t={_dashboard.Token}");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_dashboard.Token, setCookie, StringComparison.Ordinal);

        var shell = await _dashboard.Browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
        Assert.Contains("<script src=\"/app.js\">", await shell.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("default-src 'self'", shell.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", shell.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, (await _dashboard.Browser.GetAsync("/api/resources")).StatusCode);
    }

    [Fact]
    public async Task Login_with_a_wrong_token_is_refused_and_sets_no_cookie()
    {
        var response = await _dashboard.Browser.GetAsync("/login?t=not-the-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_redirects_only_to_local_return_urls()
    {
        var local = await _dashboard.Browser.GetAsync($"/login?t={_dashboard.Token}&returnUrl=%2F%23%2Ftraces");
        var foreign = await _dashboard.Browser.GetAsync($"/login?t={_dashboard.Token}&returnUrl=%2F%2Fevil.example");

        Assert.Equal("/#/traces", local.Headers.Location!.OriginalString);
        Assert.Equal("/", foreign.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Bearer_token_authenticates_scripts_and_a_wrong_one_gets_401()
    {
        Assert.Equal(HttpStatusCode.OK, (await _dashboard.Api.GetAsync("/api/resources")).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/resources");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        var response = await _dashboard.Browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Login_form_carries_the_local_return_url_through()
    {
        var page = await (await _dashboard.Browser.GetAsync("/login?ReturnUrl=%2Fapi%2Fresources")).Content.ReadAsStringAsync();
        var foreign = await (await _dashboard.Browser.GetAsync("/login?ReturnUrl=%2F%2Fevil.example")).Content.ReadAsStringAsync();

        Assert.Contains("name=\"returnUrl\" value=\"/api/resources\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("returnUrl", foreign, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_page_and_its_stylesheet_need_no_credentials()
    {
        Assert.Equal(HttpStatusCode.OK, (await _dashboard.Browser.GetAsync("/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _dashboard.Browser.GetAsync("/app.css")).StatusCode);
    }

    [Fact]
    public async Task Allow_anonymous_opens_pages_and_api_without_login()
    {
        await using var open = await TestDashboard.StartAsync(allowAnonymous: true);

        Assert.Equal(HttpStatusCode.OK, (await open.Browser.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await open.Browser.GetAsync("/api/resources")).StatusCode);
        Assert.Equal("/", (await open.Browser.GetAsync("/login")).Headers.Location!.OriginalString);
    }

    [Fact]
    public void Allow_anonymous_is_read_from_the_aspire_environment_variable()
    {
        var previous = Environment.GetEnvironmentVariable(DashboardOptions.AllowAnonymousVariable);
        try
        {
            Environment.SetEnvironmentVariable(DashboardOptions.AllowAnonymousVariable, "TRUE");
            Assert.True(DashboardOptions.FromEnvironment().AllowAnonymous);
            Environment.SetEnvironmentVariable(DashboardOptions.AllowAnonymousVariable, null);
            Assert.False(DashboardOptions.FromEnvironment().AllowAnonymous);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DashboardOptions.AllowAnonymousVariable, previous);
        }
    }

    [Fact]
    public void Generated_tokens_are_128_bit_hex_and_differ()
    {
        var first = DashboardOptions.CreateToken();

        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.NotEqual(first, DashboardOptions.CreateToken());
        Assert.Equal(18888, new DashboardOptions().UiPort);
        Assert.Equal(18890, new DashboardOptions().OtlpHttpPort);
    }
}
