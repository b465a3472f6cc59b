namespace AmazonScale.Sessions.Actors;

/// <summary>Why a session ended, as reported in SessionEnded events and metrics.</summary>
public static class EndReasons
{
    public const string Logout = "logout";
    public const string LogoutEverywhere = "logout_everywhere";
    public const string Evicted = "evicted";
    public const string RefreshTokenReused = "refresh_token_reused";
    public const string Expired = "expired";
}
