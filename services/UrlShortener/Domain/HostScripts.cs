namespace AmazonScale.UrlShortener.Domain;

/// <summary>
/// Homograph detection for host labels: a label mixing Latin with Cyrillic or Greek letters ("pаypal" with a
/// Cyrillic 'а') is the classic spoof. Whole-script labels (all Cyrillic, all Greek) are legitimate IDNs.
/// </summary>
public static class HostScripts
{
    private enum Script
    {
        Other,
        Latin,
        Greek,
        Cyrillic,
    }

    public static bool IsMixedScriptLabel(string label)
    {
        var scripts = label.Where(char.IsLetter).Select(ScriptOf).Where(s => s != Script.Other).Distinct().Count();
        return scripts > 1;
    }

    private static Script ScriptOf(char c) => c switch
    {
        _ when char.IsAsciiLetter(c) => Script.Latin,
        >= '\u00C0' and <= '\u024F' => Script.Latin,
        >= '\u1E00' and <= '\u1EFF' => Script.Latin,
        >= '\u0370' and <= '\u03FF' => Script.Greek,
        >= '\u1F00' and <= '\u1FFF' => Script.Greek,
        >= '\u0400' and <= '\u052F' => Script.Cyrillic,
        _ => Script.Other,
    };
}
