namespace AmazonScale.Orchestrations;

/// <summary>Why an activity, child workflow or workflow failed, as recorded in history.</summary>
public sealed record WorkflowTaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace)
{
    public static WorkflowTaskFailureDetails From(Exception exception) => exception is AggregateException { InnerExceptions.Count: 1 } aggregate
        ? From(aggregate.InnerExceptions[0])
        : new(exception.GetType().FullName!, exception.Message, exception.StackTrace);

    /// <summary>True when the failure was an exception of exactly type <typeparamref name="T"/>.</summary>
    public bool IsCausedBy<T>() where T : Exception => ErrorType == typeof(T).FullName;
}
