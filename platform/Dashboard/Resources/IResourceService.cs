namespace AmazonScale.Dashboard.Resources;

/// <summary>
/// The orchestrator's side of the dashboard: platform/Hosting implements it, the dashboard only reads
/// and sends commands. Keeping the contract here lets the dashboard run without knowing how resources start.
/// </summary>
public interface IResourceService
{
    IReadOnlyList<ResourceSnapshot> GetResources();

    /// <summary>The retained console lines (at most the last 10,000) with Sequence greater than <paramref name="afterSequence"/>.</summary>
    IReadOnlyList<ConsoleLogLine> GetConsoleLogs(string resourceName, long afterSequence = 0);

    /// <summary>Raised whenever a resource changes state or health, so pages can refresh without polling.</summary>
    event Action<ResourceSnapshot>? ResourceChanged;

    /// <summary>Returns false when the resource does not exist or the command does not apply to its state.</summary>
    Task<bool> ExecuteCommandAsync(string resourceName, ResourceCommand command, CancellationToken cancellationToken);
}
