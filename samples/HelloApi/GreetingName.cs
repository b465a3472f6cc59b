namespace AmazonScale.Samples.HelloApi;

/// <summary>Names greeted by the sample: short, printable, and safe to use inside a state key.</summary>
public static class GreetingName
{
    public const int MaxLength = 64;

    public static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxLength && name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.');
}
