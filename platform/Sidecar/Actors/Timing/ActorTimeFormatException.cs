namespace AmazonScale.Sidecar.Actors.Timing;

/// <summary>A dueTime, period or ttl that none of daprd's accepted forms matches; the API answers 400.</summary>
public sealed class ActorTimeFormatException(string message) : Exception(message);
