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

/// Ending every session of a person at once.
public static class AccountSessions
{
    /// A new security stamp invalidates every cookie on its next request (validation runs on each request).
    public static async Task SignOutEverywhereAsync(UserManager<Person> users, AppDbContext db, Person p, DateTime now)
    {
        await users.UpdateSecurityStampAsync(p);
        db.Record(now, AuditActions.SignOutEverywhere, p.Id, subjectPersonId: p.Id);
        await db.SaveChangesAsync();
    }
}
