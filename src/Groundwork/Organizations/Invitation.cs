namespace Groundwork.Organizations;

public sealed class Invitation
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    /// SHA-256 of the token: the link is the only place the token exists.
    public required string TokenHash { get; set; }
    public required string CreatedById { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ExpiresUtc { get; set; }
    public int MaxUses { get; set; } = 1;
    public int Uses { get; set; }
    public DateTime? RevokedUtc { get; set; }

    public InvitationState StateAt(DateTime utcNow) =>
        RevokedUtc is not null ? InvitationState.Revoked
        : utcNow >= ExpiresUtc ? InvitationState.Expired
        : Uses >= MaxUses ? InvitationState.UsedUp
        : InvitationState.Valid;
}

public enum InvitationState { Valid, Revoked, Expired, UsedUp }
