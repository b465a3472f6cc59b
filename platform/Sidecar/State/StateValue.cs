namespace AmazonScale.Sidecar.State;

/// <summary>
/// A value to store. IsBinary marks bytes that arrived through gRPC SaveState (Go []byte in daprd), which
/// SQL stores keep base64-encoded with an is-binary flag; otherwise Bytes is UTF-8 JSON (HTTP API, actors).
/// </summary>
public readonly record struct StateValue(ReadOnlyMemory<byte> Bytes, bool IsBinary);
