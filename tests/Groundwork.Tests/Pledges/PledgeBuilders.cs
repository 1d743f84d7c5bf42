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
public sealed record PledgeOrg(TestWorld World)
{
    public int OrgId => World.Org;
    public TestUser Admin => World.Admin;
    public int UnitA => World.Unit("Shift A");
    public int UnitB => World.Unit("Shift B");
    public List<TestUser> InA => [.. World.In("Shift A")];
    public List<TestUser> InB => [.. World.In("Shift B")];
}

public static class PledgeBuilders
{
    public static async Task<PledgeOrg> OrgWithMembersAsync(this GroundworkFactory f, int inA, int inB, Visibility visibility = Visibility.Public,
        int? parentId = null, Func<int, string>? name = null, TestUser? creator = null)
    {
        var world = TestWorld.For(f).AdminNamed("Pledge admin").Visible(visibility).InFederation(parentId).Unit("Shift A").Unit("Shift B");
        if (creator is not null) world.CreatedBy(creator);
        for (var i = 0; i < inA + inB; i++) world.Person(name?.Invoke(i), placedIn: [i < inA ? "Shift A" : "Shift B"], key: $"#{i}");
        return new PledgeOrg(await world.BuildAsync());
    }

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
