using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Deliberation;

/// A member moves a motion: its first version of the text, in one transaction with the motion.
public static class ProposeMotion
{
    public static async Task<Outcome<Motion>> ProposeAsync(AppDbContext db, int orgId, Membership me, MotionInput input, DateTime now, CancellationToken ct)
    {
        var paragraphs = MotionText.Split(input.Text);
        var motion = new Motion
        {
            OrganizationId = orgId, Title = input.Title.Trim(), MoverId = me.PersonId, Status = MotionStatus.Submitted, Majority = input.Majority,
            Base = input.Base, Quorum = input.Quorum, CreatedUtc = now, CurrentVersion = 1,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Motions.Add(motion);
        await db.SaveChangesAsync(ct);
        db.MotionVersions.Add(new MotionVersion { MotionId = motion.Id, Number = 1, Paragraphs = MotionText.Serialize(MotionText.Number(paragraphs)), ChangedById = me.PersonId, AtUtc = now });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return motion;
    }
}
