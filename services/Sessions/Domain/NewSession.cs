namespace AmazonScale.Sessions.Domain;

/// <summary>What a login backend tells us when it opens a session. <see cref="BindIp"/>: validation from another IP fails.</summary>
public sealed record NewSession(string UserId, Device Device, ClientContext Client, bool RememberMe, bool BindIp);
