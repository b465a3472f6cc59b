namespace AmazonScale.Orchestrations;

/// <summary>
/// The workflow code, replayed against its recorded history, took a different path (scheduled another
/// activity, a timer instead of an activity, or fewer steps): the instance fails with this error.
/// </summary>
public sealed class NonDeterministicWorkflowException(string message) : Exception(message);
