namespace AmazonScale.Payments.Domain;

public enum SandboxOutcome
{
    Succeeded,
    Declined,

    /// <summary>The simulated provider never answers (tests the saga's timeout).</summary>
    NoAnswer,
}
