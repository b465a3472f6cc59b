namespace AmazonScale.Payments.Events;

/// <summary>Where the simulator's answers go: PaymentCompleted on the saga's pub/sub.</summary>
public interface IPaymentAnswers
{
    /// <summary>Publishes every answer; per answer (same order), whether the broker took it.</summary>
    Task<bool[]> PublishAsync(IReadOnlyList<PaymentCompleted> answers, CancellationToken cancellationToken);
}
