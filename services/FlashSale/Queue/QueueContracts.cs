using AmazonScale.FlashSale.Domain;

namespace AmazonScale.FlashSale.Queue;

public sealed record JoinQueueRequest(string? CustomerId);

/// <param name="QueueToken">Signed; present it to read the status (GET …/queue/{token}).</param>
public sealed record QueueJoinResponse(string QueueToken, long Ticket, QueueStatusResponse Status);

/// <param name="AdmissionToken">Set when admitted: present it to reserve before <paramref name="AdmissionExpiresAt"/>.</param>
public sealed record QueueStatusResponse(
    QueueState State,
    long? Position,
    long? Ahead,
    double? EstimatedWaitSeconds,
    bool MayReopen,
    string? AdmissionToken,
    DateTimeOffset? AdmissionExpiresAt)
{
    /// <summary>Nothing will change any more for this ticket (an admission only ends the wait; it may still expire later).</summary>
    public bool IsFinal => State is QueueState.Admitted or QueueState.Expired || (State == QueueState.SoldOut && !MayReopen);
}
