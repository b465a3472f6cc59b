using AmazonScale.Payments.Domain;

namespace AmazonScale.FlashSale.Tests.Domain;

public sealed class SandboxDecisionTests
{
    [Theory]
    [InlineData(SandboxDecision.Ok, 0.5, 0.9, SandboxOutcome.Succeeded)]
    [InlineData(SandboxDecision.Ok, 0.5, 0.1, SandboxOutcome.Declined)]
    [InlineData(SandboxDecision.Declined, 0.0, 0.9, SandboxOutcome.Declined)]
    [InlineData(SandboxDecision.NoAnswer, 0.0, 0.9, SandboxOutcome.NoAnswer)]
    [InlineData("visa", 0.0, 0.9, SandboxOutcome.Declined)]
    public void Test_methods_and_the_failure_rate_decide_the_outcome(string method, double failureRate, double draw, SandboxOutcome expected) =>
        Assert.Equal(expected, SandboxDecision.Decide(method, failureRate, draw).Outcome);
}
