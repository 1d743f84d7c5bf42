using Groundwork.Deliberation;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Deliberation;

/// Discussions and motions put straight into the database, in the state a test needs.
public static class DeliberationSeed
{
    public sealed record SeededThread(int Discussion, int Opening);

    public sealed record SeededMotion(int Motion, int? Amendment, int? Vote);

    public static Task<SeededThread> ThreadAsync(GroundworkFactory f, int orgId, string authorId, int? unitId = null, bool locked = false) =>
        f.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var d = new Discussion { OrganizationId = orgId, UnitId = unitId, Title = "Seeded thread", AuthorId = authorId, CreatedUtc = now, LastPostUtc = now, IsLocked = locked };
            db.Discussions.Add(d);
            await db.SaveChangesAsync();
            var p = new Post { DiscussionId = d.Id, AuthorId = authorId, IsOpening = true, Body = "Seeded opening", CreatedUtc = now };
            db.Posts.Add(p);
            await db.SaveChangesAsync();
            db.PostRevisions.Add(new PostRevision { PostId = p.Id, Number = 1, Body = p.Body, EditorId = authorId, AtUtc = now });
            await db.SaveChangesAsync();
            return new SeededThread(d.Id, p.Id);
        });

    /// A motion in the given state; with an amendment (by <paramref name="proposerId"/>) in <paramref name="amendment"/>'s state,
    /// and an open electronic vote when the motion is being voted or the amendment is.
    public static Task<SeededMotion> MotionAsync(GroundworkFactory f, int orgId, string moverId, MotionStatus status,
        AmendmentStatus? amendment = null, string? proposerId = null, string text = "First paragraph.\n\nSecond paragraph.") =>
        f.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var m = new Motion { OrganizationId = orgId, Title = "Seeded motion", MoverId = moverId, Status = status, CreatedUtc = now,
                SeconderId = status == MotionStatus.Submitted ? null : moverId };
            db.Motions.Add(m);
            await db.SaveChangesAsync();
            db.MotionVersions.Add(new MotionVersion { MotionId = m.Id, Number = 1, Paragraphs = MotionText.Serialize(MotionText.Number(MotionText.Split(text))), ChangedById = moverId, AtUtc = now });
            int? aid = null, vid = null;
            if (amendment is { } st)
            {
                var a = new Amendment { MotionId = m.Id, Kind = AmendmentKind.Replace, ParagraphKey = 1, ParagraphRevision = 1, OriginalText = "First paragraph.",
                    NewText = "First paragraph, amended.", ProposerId = proposerId ?? moverId, Status = st, CreatedUtc = now };
                db.Amendments.Add(a);
                await db.SaveChangesAsync();
                aid = a.Id;
            }
            await db.SaveChangesAsync();
            if (status == MotionStatus.Voting || amendment == AmendmentStatus.Voting)
            {
                var v = new MotionVote { MotionId = m.Id, AmendmentId = status == MotionStatus.Voting ? null : aid, Method = VoteMethod.Electronic,
                    Status = VoteStatus.Open, OpenedById = moverId, OpenedUtc = now };
                db.MotionVotes.Add(v);
                await db.SaveChangesAsync();
                vid = v.Id;
            }
            return new SeededMotion(m.Id, aid, vid);
        });
}
