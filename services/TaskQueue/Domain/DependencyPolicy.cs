namespace AmazonScale.TaskQueue.Domain;

/// <summary>What a task becomes when one of its dependencies ends without succeeding.</summary>
public enum DependencyPolicy
{
    Fail,
    Skip,
}
