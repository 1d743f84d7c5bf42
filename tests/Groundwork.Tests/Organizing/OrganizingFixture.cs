using System.Net;
using System.Net.Http.Json;
using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Organizing;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Organizing;

/// An organization with two units, its admin, an organizer for the whole organization, one limited to the first unit,
/// and a plain member.
public sealed record Drive(int Org, int UnitA, int UnitB, TestUser Admin, TestUser Organizer, TestUser Limited, TestUser Member)
{
    public string Api => $"/api/v1/organizations/{Org}";

    public static async Task<Drive> CreateAsync(GroundworkFactory f)
    {
        var admin = await f.CreateUserAsync("Admin");
        var org = await admin.CreateOrgAsync(visibility: Groundwork.Organizations.Visibility.Secret);
        async Task<int> Unit(string name)
        {
            var r = await admin.Api.PostJsonAsync($"/api/v1/organizations/{org.Id}/units", new { name, kind = "Shift" });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.ReadAsync<UnitView>()).Id;
        }
        var a = await Unit("Day shift");
        var b = await Unit("Night shift");
        var organizer = await f.CreateUserAsync("Organizer");
        await f.AddMemberAsync(org.Id, organizer.Id, Role.Organizer);
        var limited = await f.CreateUserAsync("Limited organizer");
        var m = await f.AddMemberAsync(org.Id, limited.Id, Role.Organizer);
        await f.WithDbAsync(async db => { db.OrganizerScopes.Add(new OrganizerScope { MembershipId = m, UnitId = a }); await db.SaveChangesAsync(); });
        var member = await f.CreateUserAsync("Member");
        await f.AddMemberAsync(org.Id, member.Id, Role.Member);
        return new Drive(org.Id, a, b, admin, organizer, limited, member);
    }

    public async Task<ContactView> ContactAsync(TestUser by, object body)
    {
        var r = await by.Api.PostJsonAsync($"{Api}/contacts", body);
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return await r.ReadAsync<ContactView>();
    }

    public async Task<List<ScaleView>> ScalesAsync(TestUser by) => (await by.Api.GetFromJsonAsync<List<ScaleView>>($"{Api}/assessment-scales", Builders.Json))!;

    public async Task<WallChart> ChartAsync(TestUser by, string query = "") => (await by.Api.GetFromJsonAsync<WallChart>($"{Api}/wall-chart{query}", Builders.Json))!;
}
