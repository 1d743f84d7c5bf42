using System.ComponentModel.DataAnnotations;
using Groundwork.Audit;
using Groundwork.Auth;
using Groundwork.Data;
using Groundwork.Organizations;
using Groundwork.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Accounts;

public static class PersonalDataExport
{
    /// Everything we hold about the person, decrypted, as JSON (GDPR art. 15 and 20).
    public static async Task<byte[]> ExportAsync(UserManager<Person> users, AppDbContext db, Person p, DateTime now, CancellationToken ct)
    {
        var memberships = await db.Memberships.AsNoTracking().Include(m => m.Events).Include(m => m.Placements)
            .Where(m => m.PersonId == p.Id)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new
            {
                Organization = o.Name, OrganizationId = o.Id, m.Role, m.Status, m.JoinedUtc, m.EndedUtc,
                Units = m.Placements.Select(x => x.UnitId),
                History = m.Events.OrderBy(e => e.Id).Select(e => new { e.Kind, e.AtUtc, e.Role, e.OtherOrganizationId }),
            }).ToListAsync(ct);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.PersonId == p.Id)
            .Select(t => new { t.Name, t.Scope, t.CreatedUtc, t.LastUsedUtc, t.RevokedUtc }).ToListAsync(ct);
        var audit = await AuditApi.Page(db.AuditEvents.Where(e => e.SubjectPersonId == p.Id || e.ActorId == p.Id), null, ct);
        var transfers = await db.TransferRequests.AsNoTracking().Where(t => t.PersonId == p.Id).ToListAsync(ct);
        var passkeys = await users.GetPasskeysAsync(p);
        db.Record(now, AuditActions.DataExported, p.Id, subjectPersonId: p.Id);
        await db.SaveChangesAsync(ct);
        return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
        {
            ExportedUtc = now,
            Account = new { p.Id, p.DisplayName, p.Email, p.EmailConfirmed, p.PhoneNumber, p.TwoFactorEnabled, p.CreatedUtc, p.PreferredLanguage },
            Passkeys = passkeys.Select(k => new { k.Name, k.CreatedAt }),
            Memberships = memberships,
            Transfers = transfers.Select(t => new { t.FromOrganizationId, t.ToOrganizationId, t.ShareHistory, t.Note, t.Status, t.CreatedUtc, t.DecidedUtc }),
            Tokens = tokens,
            Audit = audit,
        }, new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });
    }
}
