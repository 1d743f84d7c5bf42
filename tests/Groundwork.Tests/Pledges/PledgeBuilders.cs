using System.Net;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Pledges;
using Groundwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Pledges;

/// The app with a generous limit on public signing (the tests sign from one address many times).
public sealed class PledgeFactory : GroundworkFactory
{
    public int PublicSignPerHour { get; init; } = 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Groundwork:Pledges:PublicSignPerHour", PublicSignPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class PledgeFixture : IAsyncLifetime
{
    public PledgeFactory Factory { get; } = new();
    public async Task InitializeAsync() => await Factory.StartAsync();
    public Task DisposeAsync() { Factory.Dispose(); return Task.CompletedTask; }
}

/// An organization with an admin, two units and members placed in them.
public sealed record PledgeOrg(int OrgId, TestUser Admin, int UnitA, int UnitB, List<TestUser> InA, List<TestUser> InB);

public static class PledgeBuilders
{
    public static async Task<PledgeOrg> OrgWithMembersAsync(this GroundworkFactory f, int inA, int inB, Visibility visibility = Visibility.Public,
        int? parentId = null, Func<int, string>? name = null, TestUser? creator = null)
    {
        var admin = creator ?? await f.CreateUserAsync("Pledge admin");
        var org = await admin.CreateOrgAsync(visibility: visibility, parentId: parentId);
        var (a, b) = await f.WithDbAsync(async db =>
        {
            var ua = new Unit { OrganizationId = org.Id, Name = "Shift A", NormalizedName = "SHIFT A", Kind = UnitKind.Shift, CreatedUtc = DateTime.UtcNow };
            var ub = new Unit { OrganizationId = org.Id, Name = "Shift B", NormalizedName = "SHIFT B", Kind = UnitKind.Shift, CreatedUtc = DateTime.UtcNow };
            db.Units.AddRange(ua, ub);
            await db.SaveChangesAsync();
            return (ua.Id, ub.Id);
        });
        var inAList = new List<TestUser>();
        var inBList = new List<TestUser>();
        for (var i = 0; i < inA + inB; i++)
        {
            var u = await f.CreateUserAsync(name?.Invoke(i));
            await f.AddMemberAsync(org.Id, u.Id);
            await f.PlaceAsync(org.Id, u.Id, i < inA ? a : b);
            (i < inA ? inAList : inBList).Add(u);
        }
        return new PledgeOrg(org.Id, admin, a, b, inAList, inBList);
    }

    public static Task PlaceAsync(this GroundworkFactory f, int orgId, string personId, int unitId) => f.WithDbAsync(async db =>
    {
        var m = await db.Memberships.FirstAsync(x => x.OrganizationId == orgId && x.PersonId == personId);
        db.UnitPlacements.Add(new UnitPlacement { MembershipId = m.Id, UnitId = unitId });
        await db.SaveChangesAsync();
    });

    public static async Task<PledgeView> CreatePledgeAsync(this TestUser u, int orgId, object body)
    {
        var res = await u.Api.PostJsonAsync($"/api/v1/organizations/{orgId}/pledges", body);
        Assert.True(res.StatusCode == HttpStatusCode.Created, $"{(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return await res.ReadAsync<PledgeView>();
    }

    public static object Body(int? min = null, string? statement = null, object? extra = null) => extra ?? new
    {
        statement = statement ?? "We strike on 1 March unless the pay cut is withdrawn",
        deadline = DateTime.UtcNow.AddDays(10),
        activationMessage = "We go. Meet at the gate at 6.",
        minSigners = min,
    };

    public static Task<HttpResponseMessage> SignAsync(this TestUser u, int orgId, int pledgeId, object? body = null) =>
        u.Api.PostJsonAsync($"/api/v1/organizations/{orgId}/pledges/{pledgeId}/signatures", body ?? new { });

    public static async Task<PledgeView> GetPledgeAsync(this TestUser u, int orgId, int pledgeId)
    {
        var res = await u.Api.GetAsync($"/api/v1/organizations/{orgId}/pledges/{pledgeId}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return await res.ReadAsync<PledgeView>();
    }

    public static SealedKeys Keys(this GroundworkFactory f) => f.Services.GetRequiredService<SealedKeys>();
}
