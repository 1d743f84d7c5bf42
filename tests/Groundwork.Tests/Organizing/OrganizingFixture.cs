using System.Net;
using System.Net.Http.Json;
using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Organizing;
using Groundwork.Tests.Infrastructure;

namespace Groundwork.Tests.Organizing;

/// An organization with two units, its admin, an organizer for the whole organization, one limited to the first unit,
/// and a plain member.
public sealed record Drive(TestWorld World)
{
    public int Org => World.Org;
    public int UnitA => World.Unit("Day shift");
    public int UnitB => World.Unit("Night shift");
    public TestUser Admin => World.Admin;
    public TestUser Organizer => World["Organizer"];
    public TestUser Limited => World["Limited organizer"];
    public TestUser Member => World["Member"];
    public string Api => World.Api();

    public static async Task<Drive> CreateAsync(GroundworkFactory f) => new(await TestWorld.For(f)
        .Visible(Groundwork.Organizations.Visibility.Secret)
        .UnitsThroughApi().Unit("Day shift").Unit("Night shift")
        .Person("Organizer", Role.Organizer)
        .Person("Limited organizer", Role.Organizer, organizes: ["Day shift"])
        .Person("Member")
        .BuildAsync());

    public async Task<ContactView> ContactAsync(TestUser by, object body)
    {
        var r = await by.Api.PostJsonAsync($"{Api}/contacts", body);
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return await r.ReadAsync<ContactView>();
    }

    public async Task<List<ScaleView>> ScalesAsync(TestUser by) => (await by.Api.GetFromJsonAsync<List<ScaleView>>($"{Api}/assessment-scales", Builders.Json))!;

    public async Task<WallChart> ChartAsync(TestUser by, string query = "") => (await by.Api.GetFromJsonAsync<WallChart>($"{Api}/wall-chart{query}", Builders.Json))!;
}
