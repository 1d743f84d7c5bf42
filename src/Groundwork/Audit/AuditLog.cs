using Groundwork.Data;

namespace Groundwork.Audit;

public static class AuditLog
{
    /// Adds the event to the context; it is saved with the change it records, in the same transaction.
    public static void Record(this AppDbContext db, DateTime at, string action, string? actorId,
        int? organizationId = null, string? subjectPersonId = null, string? detail = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            AtUtc = at, Action = action, ActorId = actorId, OrganizationId = organizationId,
            SubjectPersonId = subjectPersonId, Detail = detail,
        });
}
