namespace AmazonScale.Sidecar.State;

/// <summary>The ETag did not match (or first-write found an existing key): HTTP 409 / gRPC Aborted.</summary>
public sealed class StateETagMismatchException(string key, Exception? inner = null) : Exception($"possible etag mismatch for key '{key}'", inner);
