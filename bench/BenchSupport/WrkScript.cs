using System.Globalization;
using System.Text;

namespace AmazonScale.Bench;

/// <summary>A wrk Lua script: what each connection sends (a method, headers, and paths or bodies that vary per request).</summary>
public sealed record WrkScript(string Lua)
{
    /// <summary>
    /// Every request is the next of <paramref name="requests"/>, round robin. Each wrk thread starts at a different
    /// offset, so threads do not send the same keys in lockstep.
    /// </summary>
    public static WrkScript Cycle(string method, IReadOnlyList<WrkRequest> requests, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(requests.Count);
        var lua = new StringBuilder();
        lua.Append("wrk.method = ").AppendLine(Quote(method));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            lua.Append("wrk.headers[").Append(Quote(name)).Append("] = ").AppendLine(Quote(value));
        }
        lua.AppendLine("local requests = {");
        foreach (var request in requests)
        {
            lua.Append("  { ").Append(Quote(request.Path)).Append(", ").Append(request.Body is null ? "nil" : Quote(request.Body)).AppendLine(" },");
        }
        lua.AppendLine("}");
        // setup runs in the main Lua state once per thread; thread:set makes `first` a global of that thread's own state.
        lua.AppendLine("""
            local threads = 0
            function setup(thread)
              thread:set("first", threads * 7919)
              threads = threads + 1
            end
            local index = nil
            function request()
              index = ((index or first) + 1) % #requests
              local chosen = requests[index + 1]
              return wrk.format(nil, chosen[1], nil, chosen[2])
            end
            """);
        return new WrkScript(lua.ToString());
    }

    /// <summary>A Lua string literal of any text: printable ASCII as is, every other byte of its UTF-8 as a \ddd escape.</summary>
    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\')
            {
                quoted.Append((char)b);
            }
            else
            {
                quoted.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
            }
        }
        return quoted.Append('"').ToString();
    }
}
