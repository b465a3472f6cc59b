using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AmazonScale.Hosting.Processes;

/// <summary>
/// Stops a process together with everything it spawned. The tree is read from /proc before signalling,
/// because once a parent dies its children are re-parented and can no longer be found from it.
/// </summary>
internal static partial class ProcessTree
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>A pid plus its start time, so a recycled pid is never mistaken for the original process.</summary>
    public readonly record struct Member(int Pid, ulong StartTime);

    /// <summary>SIGTERM to the whole tree, then SIGKILL to whatever is still alive after <paramref name="grace"/>.</summary>
    public static async Task TerminateAsync(int rootPid, TimeSpan grace)
    {
        if (!OperatingSystem.IsLinux())
        {
            KillPortably(rootPid);
            return;
        }

        var members = Snapshot(rootPid);
        Signal(members, SigTerm);
        if (await WaitForExitAsync(members, grace))
        {
            return;
        }
        // Children forked during the grace period are still reachable from a surviving root.
        var survivors = members.Concat(Snapshot(rootPid)).Distinct().Where(IsAlive).ToList();
        Signal(survivors, SigKill);
        await WaitForExitAsync(survivors, TimeSpan.FromSeconds(5));
    }

    /// <summary>The root and all its descendants that are alive now.</summary>
    public static IReadOnlyList<Member> Snapshot(int rootPid)
    {
        var all = ReadProcessTable();
        var result = new List<Member>();
        if (!all.TryGetValue(rootPid, out var root))
        {
            return result;
        }
        result.Add(new Member(rootPid, root.StartTime));
        for (var i = 0; i < result.Count; i++)
        {
            var parent = result[i].Pid;
            result.AddRange(all.Where(entry => entry.Value.ParentPid == parent).Select(entry => new Member(entry.Key, entry.Value.StartTime)));
        }
        return result;
    }

    public static bool IsAlive(Member member) =>
        ReadStat(member.Pid) is { } stat && stat.StartTime == member.StartTime && stat.State != 'Z' && stat.State != 'X';

    private static async Task<bool> WaitForExitAsync(IReadOnlyList<Member> members, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (members.Any(IsAlive))
        {
            if (stopwatch.Elapsed >= timeout)
            {
                return false;
            }
            await Task.Delay(PollInterval);
        }
        return true;
    }

    private static void Signal(IEnumerable<Member> members, int signal)
    {
        foreach (var member in members.Where(IsAlive))
        {
            _ = Kill(member.Pid, signal);
        }
    }

    private static Dictionary<int, (int ParentPid, ulong StartTime)> ReadProcessTable()
    {
        var table = new Dictionary<int, (int, ulong)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ReadStat(pid) is { } stat)
            {
                table[pid] = (stat.ParentPid, stat.StartTime);
            }
        }
        return table;
    }

    private static (char State, int ParentPid, ulong StartTime)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) may contain spaces and parentheses; the fields after its last ')' are fixed.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1]), ulong.Parse(fields[19]));
    }

    private static void KillPortably(int rootPid)
    {
        try
        {
            using var process = Process.GetProcessById(rootPid);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
