namespace AmazonScale.UrlShortener.State;

/// <summary>What a read-modify-write decided: the document to store (null: leave it) and the caller's answer.</summary>
public readonly record struct DocumentChange<T, TResult>(T? Next, TResult Result, TimeSpan? Ttl = null) where T : class;
