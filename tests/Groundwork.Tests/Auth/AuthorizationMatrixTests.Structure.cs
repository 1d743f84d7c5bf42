using System.Net.Http.Json;
using Groundwork.Auth;
using Groundwork.Organizing;
using Groundwork.Organizing.Import;
using Groundwork.Organizing.Structure;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Auth;

/// The Structure capability's rows of the authorization matrix, and how its routes are called.
public sealed partial class AuthorizationMatrixTests
{
    const string StructureTests = "/api/v1/organizations/{orgId:int}/structure-tests";
    const string OneTest = StructureTests + "/{testId:int}";
    const string Imports = "/api/v1/organizations/{orgId:int}/contact-imports";

    static KeyValuePair<(string, string), string>[] StructureRows() =>
    [
        new(("GET", StructureTests + "/"), Organizers),
        new(("POST", StructureTests + "/"), Organizers),
        new(("GET", StructureTests + "/trend"), Organizers),
        new(("GET", OneTest), Organizers),
        new(("POST", OneTest + "/close"), Organizers),
        new(("GET", OneTest + "/participation"), Organizers),
        new(("POST", OneTest + "/participation"), Organizers),
        new(("DELETE", OneTest + "/participation/{contactId:int}"), Organizers),
        new(("GET", OneTest + "/chart.svg"), Organizers),
        new(("POST", OneTest + "/signing-links"), Organizers),
        new(("GET", OneTest + "/signatures"), Organizers),
        new(("GET", OneTest + "/statement"), Members),
        new(("POST", OneTest + "/signatures"), Members),
        new(("DELETE", OneTest + "/signatures/mine"), Members),
        new(("POST", "/api/v1/signing/statement"), Anyone),
        new(("POST", "/api/v1/signing/sign"), Anyone),
        new(("POST", "/api/v1/signing/revoke"), Anyone),
        new(("POST", "/api/v1/me/reauthenticate"), SignedIn),
        new(("GET", "/api/v1/organizations/{orgId:int}/contact-export"), Admins),
        new(("POST", Imports + "/"), Admins),
        new(("GET", Imports + "/{importId:int}"), Admins),
        new(("POST", Imports + "/{importId:int}/preview"), Admins),
        new(("POST", Imports + "/{importId:int}/start"), Admins),
        .. Page("/organizations/{OrgId:int}/organizing/structure-tests", Organizers),
        .. Page("/organizations/{OrgId:int}/organizing/structure-tests/{TestId:int}", Organizers),
        .. Page("/organizations/{OrgId:int}/organizing/import", Admins),
        .. Page("/organizations/{OrgId:int}/organizing/import/{JobId:int}", Admins),
        .. Page("/organizations/{OrgId:int}/organizing/export", Admins),
        .. Page("/organizations/{OrgId:int}/sign/{TestId:int}", Members),
        .. Page("/sign/{Token}", Anyone),
    ];

    sealed record StructureSeed(int Test, int Contact, int Job, string Token);

    /// A signable test with one contact in the world's unit (participation recorded), a signing link for it and an
    /// uploaded import; when a user is given, their own signature too (so "revoke mine" has something to revoke).
    static Task<StructureSeed> SeedStructureAsync(GroundworkFactory f, World w, TestUser? user, bool linkSigned) => f.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var t = new StructureTest { OrganizationId = w.Org, Kind = StructureTestKind.UnionCard, Title = "Card drive", DateUtc = now.Date, ThresholdPercent = 70, Statement = "I authorize the union.", CreatedUtc = now, CreatedById = user?.Id ?? "x" };
        var c = new Contact { OrganizationId = w.Org, Name = "Matrix contact", CreatedUtc = now, UpdatedUtc = now };
        c.Units.Add(new ContactUnit { UnitId = w.Unit });
        db.StructureTests.Add(t);
        db.Contacts.Add(c);
        await db.SaveChangesAsync();
        db.Participations.Add(new Participation { StructureTestId = t.Id, ContactId = c.Id, RecordedUtc = now });
        var token = Signing.NewToken();
        db.SigningLinks.Add(new SigningLink { StructureTestId = t.Id, ContactId = c.Id, TokenHash = ApiTokens.Hash(token), CreatedUtc = now, ExpiresUtc = now.AddDays(3) });
        if (linkSigned) db.Signatures.Add(new Signature { StructureTestId = t.Id, ContactId = c.Id, Name = "Matrix contact", SignedUtc = now, Consented = true });
        if (user is not null) db.Signatures.Add(new Signature { StructureTestId = t.Id, PersonId = user.Id, Name = "Me", SignedUtc = now, Consented = true });
        var job = new ImportJob { OrganizationId = w.Org, CreatedById = user?.Id ?? "x", CreatedUtc = now, UpdatedUtc = now, Status = ImportStatus.Uploaded, Content = "Name,Email\nAna,ana@example.test\n", TotalRows = 1 };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync();
        return new StructureSeed(t.Id, c.Id, job.Id, token);
    });

    /// The path (with every route value filled in, seeding what it names) and the JSON body for one of this capability's
    /// routes; null for a route that is not this capability's.
    static async Task<(string Path, object? Body)?> StructureRequestAsync(GroundworkFactory f, Cast cast, Route route, World w, TestUser? user)
    {
        var p = route.Pattern;
        var page = p.StartsWith("/organizations/{OrgId:int}/organizing/structure-tests", StringComparison.Ordinal)
            || p.StartsWith("/organizations/{OrgId:int}/organizing/import", StringComparison.Ordinal) || p == "/organizations/{OrgId:int}/organizing/export"
            || p == "/organizations/{OrgId:int}/sign/{TestId:int}" || p == "/sign/{Token}";
        var mine = page || p.StartsWith(StructureTests, StringComparison.Ordinal) || p.StartsWith(Imports, StringComparison.Ordinal)
            || p.StartsWith("/api/v1/signing/", StringComparison.Ordinal) || p == "/api/v1/me/reauthenticate" || p.EndsWith("/contact-export", StringComparison.Ordinal);
        if (!mine) return null;
        if (p == "/api/v1/me/reauthenticate") return (p, new { password = user?.Password ?? "nothing" });
        if (p.EndsWith("/contact-export", StringComparison.Ordinal) && user is not null)
            using (var r = await user.Api.PostAsJsonAsync("/api/v1/me/reauthenticate", new { password = user.Password })) { }
        var s = await SeedStructureAsync(f, w, user, linkSigned: p.EndsWith("/revoke", StringComparison.Ordinal));
        var path = p.Replace("{orgId:int}", w.Org.ToString(), StringComparison.Ordinal).Replace("{OrgId:int}", w.Org.ToString(), StringComparison.Ordinal)
            .Replace("{TestId:int}", s.Test.ToString(), StringComparison.Ordinal).Replace("{JobId:int}", s.Job.ToString(), StringComparison.Ordinal)
            .Replace("{Token}", s.Token, StringComparison.Ordinal)
            .Replace("{testId:int}", s.Test.ToString(), StringComparison.Ordinal)
            .Replace("{contactId:int}", s.Contact.ToString(), StringComparison.Ordinal)
            .Replace("{importId:int}", s.Job.ToString(), StringComparison.Ordinal);
        if (path.EndsWith('/') && path.Length > 1 && p.Contains("{orgId", StringComparison.Ordinal)) path = path.TrimEnd('/');
        if (page) return (path, null);
        object? body = (route.Method, p) switch
        {
            ("POST", StructureTests + "/") => new { kind = "Petition", title = "Sign it", date = "2026-12-10", thresholdPercent = 70, statement = "We ask." },
            ("POST", OneTest + "/participation") => new { contactIds = new[] { s.Contact } },
            ("POST", OneTest + "/signing-links") => new { contactId = s.Contact, expiresInDays = 7 },
            ("POST", OneTest + "/signatures") => new { name = "A member", consent = true },
            ("POST", "/api/v1/signing/statement") or ("POST", "/api/v1/signing/revoke") => new { token = s.Token },
            ("POST", "/api/v1/signing/sign") => new { token = s.Token, name = "A contact", consent = true },
            ("POST", Imports + "/{importId:int}/preview") or ("POST", Imports + "/{importId:int}/start") =>
                new { columns = new object[] { new { header = "Name", target = "Name" }, new { header = "Email", target = "Email" } }, duplicates = "Skip" },
            _ => null,
        };
        return (path, body);
    }
}
