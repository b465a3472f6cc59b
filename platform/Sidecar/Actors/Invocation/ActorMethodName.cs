namespace AmazonScale.Sidecar.Actors.Invocation;

/// <summary>
/// daprd's NormalizeMethod: the method part of /actors/{type}/{id}/method/{method} is cleaned like a path
/// ("." and empty segments dropped, ".." resolved without climbing above the method) and each segment is
/// escaped, so a crafted name such as "../../admin" can never reach another route of the app.
/// </summary>
public static class ActorMethodName
{
    public static string ToPath(string method)
    {
        var segments = new List<string>();
        foreach (var segment in method.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }
                    continue;
                default:
                    segments.Add(Uri.EscapeDataString(segment));
                    break;
            }
        }
        return string.Join('/', segments);
    }
}
