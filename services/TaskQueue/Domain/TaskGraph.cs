namespace AmazonScale.TaskQueue.Domain;

/// <summary>
/// The dependency edges of tasks submitted together. A cycle can only form inside one submission (an existing task's
/// dependencies never change), so checking the new edges is enough. Returns the tasks in an order where every
/// dependency comes before its dependants, or the members of one cycle.
/// </summary>
public static class TaskGraph
{
    public static (IReadOnlyList<string> Order, IReadOnlyList<string>? Cycle) Sort(IReadOnlyDictionary<string, IReadOnlyList<string>> dependencies)
    {
        var order = new List<string>(dependencies.Count);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = on the current path, true = done
        var path = new List<string>();
        foreach (var node in dependencies.Keys)
        {
            if (Visit(node) is { } cycle)
            {
                return ([], cycle);
            }
        }
        return (order, null);

        IReadOnlyList<string>? Visit(string node)
        {
            if (state.TryGetValue(node, out var done))
            {
                return done ? null : path[path.IndexOf(node)..].Append(node).ToList();
            }
            if (!dependencies.TryGetValue(node, out var edges))
            {
                return null; // An existing task outside this submission.
            }
            state[node] = false;
            path.Add(node);
            foreach (var dependency in edges)
            {
                if (Visit(dependency) is { } cycle)
                {
                    return cycle;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = true;
            order.Add(node);
            return null;
        }
    }
}
