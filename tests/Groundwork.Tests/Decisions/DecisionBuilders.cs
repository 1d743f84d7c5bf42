using System.Net;
using Groundwork.Data;
using Groundwork.Decisions;
using Groundwork.Members;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Decisions;

/// An organization with an admin and some members, and polls made through the API or seeded through the service.
public sealed record Assembly(TestWorld World)
{
    public int OrgId => World.Org;
    public TestUser Admin => World.Admin;
    public TestUser[] Members => [.. World.People];

    public string Polls => $"/api/v1/organizations/{OrgId}/polls";
    public string Poll(int id) => $"{Polls}/{id}";
}

public static class DecisionBuilders
{
    public static async Task<Assembly> AssemblyAsync(this GroundworkFactory f, int members = 6) => new(await TestWorld.For(f)
        .AdminNamed("Chair").Visible(Groundwork.Organizations.Visibility.Secret)
        .Members(members, i => $"Voter {i + 1}")
        .BuildAsync());

    public static async Task<PollView> CreatePollAsync(this Assembly a, object body)
    {
        var res = await a.Admin.Api.PostJsonAsync(a.Polls, body);
        Assert.True(res.StatusCode == HttpStatusCode.Created, $"CreatePoll: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return await res.ReadAsync<PollView>();
    }

    public static Task<HttpResponseMessage> VoteAsync(this Assembly a, TestUser who, int pollId, object ballot) =>
        who.Api.PostJsonAsync($"{a.Poll(pollId)}/votes", ballot);

    public static async Task<string?> VoteOkAsync(this Assembly a, TestUser who, int pollId, object ballot)
    {
        var res = await a.VoteAsync(who, pollId, ballot);
        Assert.True(res.StatusCode == HttpStatusCode.Created, $"CastVote: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return (await res.ReadAsync<CastVoteResult>()).Tracker;
    }

    public static async Task<PollResult> CloseAsync(this Assembly a, int pollId)
    {
        var res = await a.Admin.Api.PostAsync($"{a.Poll(pollId)}/close", null);
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"ClosePoll: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return await res.ReadAsync<PollResult>();
    }

    /// A poll made straight through the service (for the matrix, where the caller is not its author).
    public static async Task<int> SeedPollAsync(this GroundworkFactory f, int orgId, string authorId, PollKind kind, PollStatus status,
        bool secret = false, string[]? options = null)
    {
        await using var scope = f.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var create = scope.ServiceProvider.GetRequiredService<CreatePoll>();
        var lifecycle = scope.ServiceProvider.GetRequiredService<PollLifecycle>();
        var me = await db.Memberships.Include(m => m.OrganizerScopes).FirstAsync(m => m.OrganizationId == orgId && m.PersonId == authorId);
        var input = new CreatePollInput(kind, $"Seeded {kind}", Options: Poll.HasFixedOptions(kind) || kind == PollKind.Election ? null : options ?? ["Red", "Green", "Blue"],
            Secret: secret, OpensUtc: status == PollStatus.Scheduled ? DateTime.UtcNow.AddDays(1) : null, ClosesUtc: DateTime.UtcNow.AddDays(7));
        var r = await create.CreateAsync(orgId, me, input, default);
        Assert.True(r.Ok, r.Failure?.Title);
        if (status == PollStatus.Closed) Assert.True((await lifecycle.CloseAsync(r.Value!.Id, authorId, default)).Ok);
        return r.Value!.Id;
    }

    public static Task<int> OptionIdAsync(this GroundworkFactory f, int pollId, int position = 0) =>
        f.WithDbAsync(db => db.PollOptions.Where(o => o.PollId == pollId && o.Position == position).Select(o => o.Id).SingleAsync());

    public static async Task<int> NominationAsync(this GroundworkFactory f, int pollId, string nomineeId, string byId) =>
        await f.WithDbAsync(async db =>
        {
            var n = new Nomination { PollId = pollId, NomineeId = nomineeId, NominatedById = byId, CreatedUtc = DateTime.UtcNow };
            db.Nominations.Add(n);
            await db.SaveChangesAsync();
            return n.Id;
        });

    public static Task<Membership> MembershipAsync(this GroundworkFactory f, int orgId, string personId) =>
        f.WithDbAsync(db => db.Memberships.AsNoTracking().Include(m => m.OrganizerScopes).FirstAsync(m => m.OrganizationId == orgId && m.PersonId == personId));
}
