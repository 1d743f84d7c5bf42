using Groundwork.Organizing;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Organizing;

/// Contacts and what hangs off them, seeded straight into the database (the API paths are tested on their own).
public static class OrganizingSeed
{
    public static Task<int> ContactAsync(this GroundworkFactory f, int orgId, int? unitId, string? name = null, bool eligible = true, bool leader = false) =>
        f.WithDbAsync(async db =>
        {
            var c = new Contact
            {
                OrganizationId = orgId, Name = name ?? "Contact " + Guid.NewGuid().ToString("N")[..8], Eligible = eligible, IsLeader = leader,
                CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow, Version = 1,
            };
            if (unitId is { } u) c.Units.Add(new ContactUnit { UnitId = u });
            db.Contacts.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

    public static Task<long> ConversationAsync(this GroundworkFactory f, int orgId, int contactId, string ownerId, DateTime? followUp = null, DateTime? at = null, string? notes = "Talked about the rota") =>
        f.WithDbAsync(async db =>
        {
            var c = new Conversation
            {
                OrganizationId = orgId, ContactId = contactId, AtUtc = at ?? DateTime.UtcNow.AddHours(-1), Channel = ConversationChannel.InPerson,
                Notes = notes, FollowUpUtc = followUp, FollowUpOwnerId = followUp is null ? null : ownerId, RecordedById = ownerId, CreatedUtc = DateTime.UtcNow,
            };
            db.Conversations.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

    public static Task<int> RelationshipAsync(this GroundworkFactory f, int orgId, int from, int to, RelationshipKind kind = RelationshipKind.Friends) =>
        f.WithDbAsync(async db =>
        {
            var r = new Relationship { OrganizationId = orgId, FromContactId = from, ToContactId = to, Kind = kind, CreatedUtc = DateTime.UtcNow };
            db.Relationships.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });

    public static Task<int> IssueAsync(this GroundworkFactory f, int orgId, string? name = null) =>
        f.WithDbAsync(async db =>
        {
            var n = name ?? "Issue " + Guid.NewGuid().ToString("N")[..8];
            var i = new OrganizingIssue { OrganizationId = orgId, Name = n, NameLookup = db.Crypto.Lookup(n.ToUpperInvariant()) };
            db.OrganizingIssues.Add(i);
            await db.SaveChangesAsync();
            return i.Id;
        });

    public static Task<List<ScaleView>> ScalesAsync(this GroundworkFactory f, int orgId) =>
        f.WithDbAsync(db => AssessmentScales.ListAsync(db, orgId, default));
}
