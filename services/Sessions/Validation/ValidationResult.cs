using AmazonScale.Sessions.Domain;

namespace AmazonScale.Sessions.Validation;

/// <summary>A validation's verdict; on success, the session and the idle deadline it now has.</summary>
public sealed record ValidationResult(AccessVerdict Verdict, SessionSnapshot? Session, DateTimeOffset IdleDeadline)
{
    public static ValidationResult Rejected(AccessVerdict verdict) => new(verdict, null, default);

    public bool IsValid => Verdict == AccessVerdict.Valid;
}
