namespace AmazonScale.TaskQueue.Workflows;

public sealed record RetryInput(string TaskId, int Attempt, DateTimeOffset NotBefore);

public sealed record DependenciesInput(string TaskId, IReadOnlyList<string> Dependencies);

/// <summary>Raised on a dependant's workflow when one of its dependencies ends.</summary>
public sealed record DependencyEnded(string TaskId, bool Succeeded);

public sealed record ResolveInput(string TaskId, string? FailedDependency);
