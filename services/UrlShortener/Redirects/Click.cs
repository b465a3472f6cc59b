using System.Net;

namespace AmazonScale.UrlShortener.Redirects;

/// <summary>
/// What the redirect path captures about a click, as cheaply as possible; <see cref="ClickRecorder.ToEvent"/> turns
/// it into a UrlVisited (anonymised IP, keyed visitor hash) in the background. The raw IP never leaves the process.
/// </summary>
public readonly record struct Click(string Code, DateTimeOffset OccurredAt, string? Referrer, string? UserAgent, IPAddress? Address, string? Country);
