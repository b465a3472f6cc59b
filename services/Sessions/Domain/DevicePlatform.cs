namespace AmazonScale.Sessions.Domain;

public enum DevicePlatform
{
    Web,
    Mobile,
    Api,
}
