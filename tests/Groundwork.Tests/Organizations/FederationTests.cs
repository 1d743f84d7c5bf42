using System.Net;
using Groundwork.Audit;
using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Tests.Organizations;

public sealed class FederationTests(SharedFactory fx) : IClassFixture<SharedFactory>
{
    readonly GroundworkFactory f = fx.Factory;

    [Fact]
    public async Task Affiliation_needs_both_sides_and_a_cycle_is_refused()
    {
        var parentAdmin = await f.CreateUserAsync();
        var childAdmin = await f.CreateUserAsync();
        var parent = await parentAdmin.CreateOrgAsync(kind: OrganizationKind.Federation);
        var child = await childAdmin.CreateOrgAsync();
        var req = await childAdmin.Api.PostJsonAsync($"/api/v1/organizations/{child.Id}/affiliations", new { parentId = parent.Id });
        Assert.Equal(HttpStatusCode.Created, req.StatusCode);
        var r = await req.ReadAsync<AffiliationRequestView>();
        Assert.True(r.ChildApproved);
        Assert.False(r.ParentApproved);
        // The requesting side cannot approve for the other one.
        Assert.Equal(HttpStatusCode.Conflict, (await childAdmin.Api.PostJsonAsync($"/api/v1/organizations/{child.Id}/affiliations/{r.Id}/decision", new { accept = true })).StatusCode);
        Assert.Null((await (await childAdmin.Api.GetAsync($"/api/v1/organizations/{child.Id}")).ReadAsync<OrganizationView>()).ParentId);
        var decided = await parentAdmin.Api.PostJsonAsync($"/api/v1/organizations/{parent.Id}/affiliations/{r.Id}/decision", new { accept = true });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal(parent.Id, (await (await childAdmin.Api.GetAsync($"/api/v1/organizations/{child.Id}")).ReadAsync<OrganizationView>()).ParentId);
        // The parent joining its own child would close a loop.
        var cycle = await parentAdmin.Api.PostJsonAsync($"/api/v1/organizations/{parent.Id}/affiliations", new { parentId = child.Id });
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        Assert.Equal("application/problem+json", cycle.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NoContent, (await childAdmin.Api.PostAsync($"/api/v1/organizations/{child.Id}/leave-parent", null)).StatusCode);
    }

    async Task<(TestUser Admin, OrganizationView From, OrganizationView To, TestUser Mover, DateTime Joined)> TwoChaptersAsync()
    {
        var admin = await f.CreateUserAsync();
        var fed = await admin.CreateOrgAsync(kind: OrganizationKind.Federation);
        var from = await admin.CreateOrgAsync(parentId: fed.Id);
        var to = await admin.CreateOrgAsync(parentId: fed.Id);
        var mover = await f.CreateUserAsync();
        var joined = new DateTime(2019, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        await f.AddMemberAsync(from.Id, mover.Id, joined: joined);
        return (admin, from, to, mover, joined);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_transfer_carries_the_join_date_only_with_the_members_consent(bool share)
    {
        var (admin, from, to, mover, joined) = await TwoChaptersAsync();
        var res = await mover.Api.PostJsonAsync($"/api/v1/organizations/{from.Id}/transfers", new { toOrganizationId = to.Id, shareHistory = share, note = "moved to the east side" });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var t = await res.ReadAsync<TransferRequestView>();
        var pending = await (await admin.Api.GetAsync($"/api/v1/organizations/{to.Id}/transfers")).ReadAsync<List<TransferView>>();
        Assert.Equal(share ? joined : null, pending.Single(x => x.Id == t.Id).JoinedFromUtc);
        Assert.Equal(HttpStatusCode.OK, (await admin.Api.PostJsonAsync($"/api/v1/organizations/{to.Id}/transfers/{t.Id}/decision", new { accept = true })).StatusCode);
        var (oldM, newM) = await f.WithDbAsync(async db => (
            await db.Memberships.SingleAsync(m => m.OrganizationId == from.Id && m.PersonId == mover.Id),
            await db.Memberships.SingleAsync(m => m.OrganizationId == to.Id && m.PersonId == mover.Id)));
        Assert.Equal(MembershipStatus.TransferredOut, oldM.Status);
        Assert.Equal(MembershipStatus.Active, newM.Status);
        if (share) Assert.Equal(joined, newM.JoinedUtc);
        else Assert.True(newM.JoinedUtc > DateTime.UtcNow.AddMinutes(-5));
        Assert.Equal(HttpStatusCode.NotFound, (await mover.Api.GetAsync($"/api/v1/organizations/{from.Id}/units")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mover.Api.GetAsync($"/api/v1/organizations/{to.Id}/units")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Api.PostJsonAsync($"/api/v1/organizations/{to.Id}/transfers/{t.Id}/decision", new { accept = true })).StatusCode);
    }

    [Fact]
    public async Task A_transfer_outside_the_federation_is_refused()
    {
        var (admin, from, _, mover, _) = await TwoChaptersAsync();
        var elsewhere = await admin.CreateOrgAsync();
        var res = await mover.Api.PostJsonAsync($"/api/v1/organizations/{from.Id}/transfers", new { toOrganizationId = elsewhere.Id, shareHistory = true });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal(0, await f.WithDbAsync(db => db.TransferRequests.CountAsync(t => t.PersonId == mover.Id)));
    }

    [Fact]
    public async Task Audit_events_org_admins_see_their_organization_people_see_their_own()
    {
        var (admin, from, to, mover, _) = await TwoChaptersAsync();
        await mover.Api.PostJsonAsync($"/api/v1/organizations/{from.Id}/transfers", new { toOrganizationId = to.Id, shareHistory = false });
        var fromAudit = await (await admin.Api.GetAsync($"/api/v1/organizations/{from.Id}/audit")).ReadAsync<List<AuditEventView>>();
        Assert.Contains(fromAudit, e => e.Action == AuditActions.TransferRequested);
        Assert.All(fromAudit, e => Assert.Equal(from.Id, e.OrganizationId));
        // A member who is not an admin may not read the organization's audit log.
        Assert.Equal(HttpStatusCode.Forbidden, (await mover.Api.GetAsync($"/api/v1/organizations/{from.Id}/audit")).StatusCode);
        var mine = await (await mover.Api.GetAsync("/api/v1/me/audit")).ReadAsync<List<AuditEventView>>();
        Assert.Contains(mine, e => e.Action == AuditActions.TransferRequested);
        Assert.All(mine, e => Assert.True(e.SubjectPersonId == mover.Id || e.ActorId == mover.Id));
        var adminsOwn = await (await admin.Api.GetAsync("/api/v1/me/audit")).ReadAsync<List<AuditEventView>>();
        Assert.DoesNotContain(adminsOwn, e => e.SubjectPersonId == mover.Id);
    }

    [Fact]
    public async Task Me_tokens_and_the_export_of_my_data()
    {
        var u = await f.CreateUserAsync("Rosa");
        var me = await (await u.Api.GetAsync("/api/v1/me")).ReadAsync<Groundwork.Accounts.MeView>();
        Assert.Equal(("Rosa", u.Email), (me.DisplayName, me.Email));
        var created = await (await u.Api.PostJsonAsync("/api/v1/me/tokens", new { name = "phone", scope = "Read" })).ReadAsync<Groundwork.Accounts.TokenCreated>();
        Assert.StartsWith("gwp_", created.Token, StringComparison.Ordinal);
        var tokens = await (await u.Api.GetAsync("/api/v1/me/tokens")).ReadAsync<List<Groundwork.Accounts.TokenView>>();
        Assert.Contains(tokens, t => t.Id == created.Id && t.Name == "phone");
        Assert.DoesNotContain(created.Token, await (await u.Api.GetAsync("/api/v1/me/tokens")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var org = await u.CreateOrgAsync();
        var export = await u.Api.GetAsync("/api/v1/me/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var json = await export.Content.ReadAsStringAsync();
        Assert.Contains(u.Email, json, StringComparison.Ordinal);
        Assert.Contains(org.Name, json, StringComparison.Ordinal);
        Assert.Contains("phone", json, StringComparison.Ordinal);
        var audit = await (await u.Api.GetAsync("/api/v1/me/audit")).ReadAsync<List<AuditEventView>>();
        Assert.Contains(audit, e => e.Action == AuditActions.DataExported);
    }
}
