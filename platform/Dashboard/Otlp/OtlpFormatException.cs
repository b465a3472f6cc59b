namespace AmazonScale.Dashboard.Otlp;

/// <summary>The request body is not a valid OTLP message; the receiver answers 400.</summary>
public sealed class OtlpFormatException(string message) : Exception(message);
