using System.Net;
using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Organizations;

public sealed class OrganizationTests(SharedFactory fx) : IClassFixture<SharedFactory>
{
    readonly GroundworkFactory f = fx.Factory;

    [Fact]
    public async Task Creating_an_organization_makes_the_creator_its_admin()
    {
        var u = await f.CreateUserAsync();
        var org = await u.CreateOrgAsync(kind: OrganizationKind.TenantsUnion);
        Assert.Equal(Role.Admin, org.MyRole);
        Assert.Equal(OrganizationKind.TenantsUnion, org.Kind);
        var mine = await (await u.Api.GetAsync("/api/v1/me/organizations")).ReadAsync<List<OrganizationView>>();
        Assert.Contains(mine, o => o.Id == org.Id && o.MyRole == Role.Admin);
    }

    [Fact]
    public async Task A_secret_organization_is_invisible_to_non_members_even_by_id_unlisted_is_reachable_public_is_listed()
    {
        var owner = await f.CreateUserAsync();
        var stranger = await f.CreateUserAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var secret = await owner.CreateOrgAsync("Secret " + tag, visibility: Visibility.Secret);
        var unlisted = await owner.CreateOrgAsync("Unlisted " + tag, visibility: Visibility.Unlisted);
        var open = await owner.CreateOrgAsync("Public " + tag, visibility: Visibility.Public);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/organizations/{secret.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await f.Anonymous().GetAsync($"/api/v1/organizations/{secret.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Api.GetAsync($"/api/v1/organizations/{secret.Id}/members")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Api.GetAsync($"/api/v1/organizations/{secret.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.Api.GetAsync($"/api/v1/organizations/{unlisted.Id}")).StatusCode);
        var listed = await (await f.Anonymous().GetAsync($"/api/v1/organizations?q={tag}")).ReadAsync<List<OrganizationSummary>>();
        Assert.Equal([open.Id], listed.Select(o => o.Id));
    }

    [Fact]
    public async Task The_directory_searches_by_name_kind_and_area()
    {
        var u = await f.CreateUserAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var a = await u.CreateOrgAsync($"Riverside {tag} tenants", OrganizationKind.TenantsUnion, area: $"Leeds{tag}");
        var b = await u.CreateOrgAsync($"Hillside {tag} union", OrganizationKind.UnionLocal, area: $"York{tag}");
        async Task<int[]> Ids(string query) => [.. (await (await f.Anonymous().GetAsync("/api/v1/organizations?" + query)).ReadAsync<List<OrganizationSummary>>()).Select(o => o.Id).Order()];
        Assert.Equal(new[] { a.Id, b.Id }.Order(), await Ids($"q={tag}"));
        Assert.Equal([a.Id], await Ids($"q=riverside%20{tag}"));
        Assert.Equal([b.Id], await Ids($"q={tag}&kind=UnionLocal"));
        Assert.Equal([a.Id], await Ids($"area=Leeds{tag}"));
    }

    [Fact]
    public async Task Only_an_admin_updates_an_organization_and_a_duplicate_name_is_a_conflict()
    {
        var admin = await f.CreateUserAsync();
        var member = await f.CreateUserAsync();
        var org = await admin.CreateOrgAsync();
        var other = await admin.CreateOrgAsync();
        await f.AddMemberAsync(org.Id, member.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Api.PatchJsonAsync($"/api/v1/organizations/{org.Id}", new { description = "hijack" })).StatusCode);
        var ok = await admin.Api.PatchJsonAsync($"/api/v1/organizations/{org.Id}", new { description = "We fix the boilers", visibility = "Unlisted" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var view = await ok.ReadAsync<OrganizationView>();
        Assert.Equal("We fix the boilers", view.Description);
        Assert.Equal(Visibility.Unlisted, view.Visibility);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Api.PatchJsonAsync($"/api/v1/organizations/{org.Id}", new { name = other.Name })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Api.PostJsonAsync("/api/v1/organizations", new { name = other.Name.ToUpperInvariant(), kind = "Cooperative" })).StatusCode);
    }

    [Fact]
    public async Task Join_policies_open_joins_approval_waits_invitation_refuses()
    {
        var admin = await f.CreateUserAsync();
        var joiner = await f.CreateUserAsync();
        var open = await admin.CreateOrgAsync(join: JoinPolicy.Open);
        var approval = await admin.CreateOrgAsync(join: JoinPolicy.Approval);
        var invite = await admin.CreateOrgAsync(join: JoinPolicy.Invitation);
        var a = await (await joiner.Api.PostAsync($"/api/v1/organizations/{open.Id}/join", null)).ReadAsync<MembershipStatusView>();
        Assert.Equal(MembershipStatus.Active, a.Status);
        var b = await (await joiner.Api.PostAsync($"/api/v1/organizations/{approval.Id}/join", null)).ReadAsync<MembershipStatusView>();
        Assert.Equal(MembershipStatus.Pending, b.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await joiner.Api.GetAsync($"/api/v1/organizations/{approval.Id}/units")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Api.PostJsonAsync($"/api/v1/organizations/{approval.Id}/members/{b.MembershipId}/approval", new { accept = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await joiner.Api.GetAsync($"/api/v1/organizations/{approval.Id}/units")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await joiner.Api.PostAsync($"/api/v1/organizations/{invite.Id}/join", null)).StatusCode);
    }
}
