using System.Net;
using Groundwork.Audit;
using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Tests.Members;

public sealed class MemberTests(SharedFactory fx) : IClassFixture<SharedFactory>
{
    readonly GroundworkFactory f = fx.Factory;

    async Task<InvitationCreated> Invite(TestUser admin, int orgId, int maxUses = 1, int days = 7)
    {
        var res = await admin.Api.PostJsonAsync($"/api/v1/organizations/{orgId}/invitations", new { expiresInDays = days, maxUses });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return await res.ReadAsync<InvitationCreated>();
    }

    [Fact]
    public async Task An_invitation_admits_once_and_then_is_gone_with_a_410_problem()
    {
        var admin = await f.CreateUserAsync();
        var org = await admin.CreateOrgAsync(visibility: Visibility.Secret, join: JoinPolicy.Invitation);
        var inv = await Invite(admin, org.Id);
        Assert.StartsWith("https://localhost/invitations/", inv.Url, StringComparison.Ordinal);
        var first = await f.CreateUserAsync();
        var second = await f.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await first.Api.PostJsonAsync("/api/v1/invitations/accept", new { token = inv.Token })).StatusCode);
        var gone = await second.Api.PostJsonAsync("/api/v1/invitations/accept", new { token = inv.Token });
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await first.Api.GetAsync($"/api/v1/organizations/{org.Id}")).StatusCode);
    }

    [Fact]
    public async Task Expired_and_revoked_invitations_answer_410()
    {
        var admin = await f.CreateUserAsync();
        var org = await admin.CreateOrgAsync();
        var expired = await Invite(admin, org.Id, 5);
        await f.WithDbAsync(db => db.Invitations.Where(i => i.Id == expired.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresUtc, DateTime.UtcNow.AddMinutes(-1))));
        var revoked = await Invite(admin, org.Id, 5);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Api.DeleteAsync($"/api/v1/organizations/{org.Id}/invitations/{revoked.Id}")).StatusCode);
        var u = await f.CreateUserAsync();
        Assert.Equal(HttpStatusCode.Gone, (await u.Api.PostJsonAsync("/api/v1/invitations/accept", new { token = expired.Token })).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await u.Api.PostJsonAsync("/api/v1/invitations/accept", new { token = revoked.Token })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await u.Api.PostJsonAsync("/api/v1/invitations/accept", new { token = "gwi_doesnotexistatall" })).StatusCode);
        var list = await (await admin.Api.GetAsync($"/api/v1/organizations/{org.Id}/invitations")).ReadAsync<List<InvitationView>>();
        Assert.Contains(list, i => i.Id == expired.Id && i.State == InvitationState.Expired);
        Assert.Contains(list, i => i.Id == revoked.Id && i.State == InvitationState.Revoked);
    }

    [Fact]
    public async Task An_invitation_limited_to_N_uses_admits_exactly_N_of_20_people_accepting_at_once()
    {
        var admin = await f.CreateUserAsync();
        var org = await admin.CreateOrgAsync();
        var inv = await Invite(admin, org.Id, maxUses: 3);
        var people = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => f.CreateUserAsync()));
        var results = await Task.WhenAll(people.Select(p => p.Api.PostJsonAsync("/api/v1/invitations/accept", new { token = inv.Token })));
        Assert.All(results, r => Assert.True((int)r.StatusCode < 500, $"{r.StatusCode}"));
        Assert.Equal(3, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        var active = await f.WithDbAsync(db => db.Memberships.CountAsync(m => m.OrganizationId == org.Id && m.Status == MembershipStatus.Active && m.Role == Role.Member));
        Assert.Equal(3, active);
    }

    [Fact]
    public async Task An_organizer_limited_to_a_unit_sees_only_that_units_members()
    {
        var admin = await f.CreateUserAsync();
        var org = await admin.CreateOrgAsync();
        var night = await (await admin.Api.PostJsonAsync($"/api/v1/organizations/{org.Id}/units", new { name = "Night shift", kind = "Shift" })).ReadAsync<UnitView>();
        var day = await (await admin.Api.PostJsonAsync($"/api/v1/organizations/{org.Id}/units", new { name = "Day shift", kind = "Shift" })).ReadAsync<UnitView>();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Api.PostJsonAsync($"/api/v1/organizations/{org.Id}/units", new { name = "night SHIFT" })).StatusCode);
        var units = await (await admin.Api.GetAsync($"/api/v1/organizations/{org.Id}/units")).ReadAsync<List<UnitView>>();
        Assert.Equal(["Day shift", "Night shift"], units.Select(u => u.Name));
        var organizer = await f.CreateUserAsync();
        var a = await f.CreateUserAsync();
        var b = await f.CreateUserAsync();
        var om = await f.AddMemberAsync(org.Id, organizer.Id);
        var am = await f.AddMemberAsync(org.Id, a.Id);
        var bm = await f.AddMemberAsync(org.Id, b.Id);
        Assert.Equal(HttpStatusCode.OK, (await admin.Api.PutJsonAsync($"/api/v1/organizations/{org.Id}/members/{om}/role", new { role = "Organizer", organizerUnitIds = new[] { night.Id } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Api.PutJsonAsync($"/api/v1/organizations/{org.Id}/members/{am}/units", new { unitIds = new[] { night.Id } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Api.PutJsonAsync($"/api/v1/organizations/{org.Id}/members/{bm}/units", new { unitIds = new[] { day.Id } })).StatusCode);
        var seen = await (await organizer.Api.GetAsync($"/api/v1/organizations/{org.Id}/members")).ReadAsync<List<MemberView>>();
        Assert.Contains(seen, m => m.MembershipId == am);
        Assert.DoesNotContain(seen, m => m.MembershipId == bm);
        Assert.Equal(HttpStatusCode.NotFound, (await organizer.Api.GetAsync($"/api/v1/organizations/{org.Id}/members/{bm}/history")).StatusCode);
        var all = await (await admin.Api.GetAsync($"/api/v1/organizations/{org.Id}/members")).ReadAsync<List<MemberView>>();
        Assert.Equal(4, all.Count);
    }

    [Fact]
    public async Task The_last_admin_can_be_neither_demoted_nor_removed_and_a_removed_member_leaves_history()
    {
        var admin = await f.CreateUserAsync();
        var org = await admin.CreateOrgAsync();
        var members = await (await admin.Api.GetAsync($"/api/v1/organizations/{org.Id}/members")).ReadAsync<List<MemberView>>();
        var mine = members.Single().MembershipId;
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Api.PutJsonAsync($"/api/v1/organizations/{org.Id}/members/{mine}/role", new { role = "Member" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Api.DeleteAsync($"/api/v1/organizations/{org.Id}/members/{mine}")).StatusCode);
        var other = await f.CreateUserAsync();
        var om = await f.AddMemberAsync(org.Id, other.Id);
        Assert.Equal(HttpStatusCode.OK, (await admin.Api.PutJsonAsync($"/api/v1/organizations/{org.Id}/members/{om}/role", new { role = "Admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Api.PutJsonAsync($"/api/v1/organizations/{org.Id}/members/{mine}/role", new { role = "Member" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.Api.DeleteAsync($"/api/v1/organizations/{org.Id}/members/{mine}")).StatusCode);
        var history = await (await other.Api.GetAsync($"/api/v1/organizations/{org.Id}/members/{mine}/history")).ReadAsync<List<MembershipHistoryView>>();
        Assert.Equal([MembershipEventKind.Joined, MembershipEventKind.RoleChanged, MembershipEventKind.Removed], history.Select(h => h.Kind));
        var audit = await (await other.Api.GetAsync($"/api/v1/organizations/{org.Id}/audit")).ReadAsync<List<AuditEventView>>();
        Assert.Contains(audit, e => e.Action == AuditActions.MemberRemoved && e.SubjectPersonId == admin.Id);
        Assert.All(audit, e => Assert.Equal(org.Id, e.OrganizationId));
    }
}
