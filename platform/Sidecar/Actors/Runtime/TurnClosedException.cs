namespace AmazonScale.Sidecar.Actors.Runtime;

/// <summary>The activation was deactivated while the caller waited for its turn; retry on a fresh activation.</summary>
public sealed class TurnClosedException() : Exception("the actor was deactivated while the call waited for its turn");
