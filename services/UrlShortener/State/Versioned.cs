namespace AmazonScale.UrlShortener.State;

/// <summary>A document as read (null when missing) with the ETag that guards writing it back (null: it did not exist).</summary>
public readonly record struct Versioned<T>(T? Value, string? ETag) where T : class;
