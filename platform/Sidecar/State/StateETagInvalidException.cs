namespace AmazonScale.Sidecar.State;

/// <summary>The ETag is not in the store's format (e.g. non-numeric for Redis): HTTP 400 / gRPC InvalidArgument.</summary>
public sealed class StateETagInvalidException(string key, string etag) : Exception($"invalid etag '{etag}' for key '{key}'");
