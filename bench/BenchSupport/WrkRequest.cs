namespace AmazonScale.Bench;

/// <summary>One request of a <see cref="WrkScript"/>: a path (with query) and an optional body.</summary>
public sealed record WrkRequest(string Path, string? Body = null);
