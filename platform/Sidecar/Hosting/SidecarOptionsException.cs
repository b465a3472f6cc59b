namespace AmazonScale.Sidecar.Hosting;

/// <summary>A command-line or environment mistake; the process prints it and exits 1, like daprd.</summary>
public sealed class SidecarOptionsException(string message) : Exception(message);
