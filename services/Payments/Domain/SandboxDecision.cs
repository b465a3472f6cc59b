namespace AmazonScale.Payments.Domain;

/// <summary>
/// The simulator's verdict for a payment method, like a provider's test cards: sandbox_ok succeeds (except for the
/// configured random failure rate), sandbox_declined is declined, sandbox_no_answer never answers; anything else is
/// declined as an unknown test method.
/// </summary>
public static class SandboxDecision
{
    public const string Ok = "sandbox_ok";
    public const string Declined = "sandbox_declined";
    public const string NoAnswer = "sandbox_no_answer";

    public static (SandboxOutcome Outcome, string? Reason) Decide(string method, double failureRate, double draw) => method switch
    {
        Ok when draw < failureRate => (SandboxOutcome.Declined, "simulated_decline"),
        Ok => (SandboxOutcome.Succeeded, null),
        Declined => (SandboxOutcome.Declined, "card_declined"),
        NoAnswer => (SandboxOutcome.NoAnswer, null),
        _ => (SandboxOutcome.Declined, "unknown_test_method"),
    };
}
