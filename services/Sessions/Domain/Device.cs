namespace AmazonScale.Sessions.Domain;

/// <summary>The device a session was opened on, as the login backend described it.</summary>
public sealed record Device(string Id, string? Name, DevicePlatform Platform);
