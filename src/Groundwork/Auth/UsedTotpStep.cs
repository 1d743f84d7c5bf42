namespace Groundwork.Auth;

/// A TOTP time step that was accepted for a person; the primary key makes a replay fail at the database.
public sealed class UsedTotpStep
{
    public required string PersonId { get; set; }
    public long TimeStep { get; set; }
    public DateTime AcceptedUtc { get; set; }
}
