namespace AmazonScale.Payments.Domain;

public enum SandboxOutcome
{
    Succeeded,
    Declined,

    /// <summary>The simulated provider never answers (tests the saga's timeout).</summary>
    NoAnswer,

    /// <summary>
    /// The merchant asked for the verdict (reconciliation) before the request itself arrived: nothing is charged, and
    /// the request, should it arrive late, is declined with this verdict.
    /// </summary>
    Voided,
}
