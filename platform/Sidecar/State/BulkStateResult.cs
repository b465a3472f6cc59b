namespace AmazonScale.Sidecar.State;

/// <summary>One key of a bulk read: the entry (null when missing) or the store's error for that key.</summary>
public sealed record BulkStateResult(string Key, StateEntry? Entry, string? Error);
