namespace Groundwork.Audit;

/// Security-relevant actions. No IP addresses and no free text from users: ids and action names only.
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string Action { get; set; }
    public string? ActorId { get; set; }
    public string? SubjectPersonId { get; set; }
    public int? OrganizationId { get; set; }
    /// Structured, non-personal detail (a role name, an id, a token name is *not* put here).
    public string? Detail { get; set; }
}
