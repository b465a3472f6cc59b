namespace AmazonScale.WorkflowHost;

/// <summary>Activity side effects as lines in a file that outlives the process, so a crash test can count executions.</summary>
public sealed class EffectsFile(string path)
{
    private readonly Lock _gate = new();

    public void Append(string line)
    {
        lock (_gate)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }
}
