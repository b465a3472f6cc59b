namespace AmazonScale.Hosting;

/// <summary>The app cannot start; <see cref="Problems"/> holds one actionable line per reason.</summary>
public sealed class DistributedApplicationException(IReadOnlyList<string> problems)
    : Exception(string.Join(System.Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
