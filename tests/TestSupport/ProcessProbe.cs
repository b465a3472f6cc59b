using System.Diagnostics;

namespace AmazonScale.TestSupport;

/// <summary>Looks at processes with the system's own tools, independently of the code under test.</summary>
public static class ProcessProbe
{
    /// <summary>All descendants of <paramref name="pid"/>, found with pgrep -P.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var result = new List<int>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in Pgrep(parent))
            {
                result.Add(child);
                pending.Enqueue(child);
            }
        }
        return result;
    }

    /// <summary>True while the pid exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static IEnumerable<int> Pgrep(int parent)
    {
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-P", parent.ToString()]) { RedirectStandardOutput = true })!;
        var output = pgrep.StandardOutput.ReadToEnd();
        pgrep.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);
    }
}
