using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AmazonScale.Dashboard.Ui;

/// <summary>
/// Serves the single-page UI (index.html + app.js + app.css, embedded in this assembly) that renders every page
/// from the JSON API. The shell needs login; script and style hold no data, so the login page can use them.
/// </summary>
internal static class UiAssets
{
    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Assets = new Dictionary<string, (byte[], string)>
    {
        ["index.html"] = (Load("index.html"), "text/html; charset=utf-8"),
        ["app.js"] = (Load("app.js"), "text/javascript; charset=utf-8"),
        ["app.css"] = (Load("app.css"), "text/css; charset=utf-8"),
    }.ToFrozenDictionary();

    public static IEndpointRouteBuilder MapUiAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Serve("index.html")).ExcludeFromDescription();
        app.MapGet("/app.js", () => Serve("app.js")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/app.css", () => Serve("app.css")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(string name)
    {
        var (content, contentType) = Assets[name];
        return TypedResults.Bytes(content, contentType);
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(UiAssets).Assembly.GetManifestResourceStream($"wwwroot/{name}")
            ?? throw new InvalidOperationException($"The dashboard assembly lacks its embedded UI file '{name}'.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
