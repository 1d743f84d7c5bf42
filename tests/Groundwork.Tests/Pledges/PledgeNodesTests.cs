using Groundwork.Data;
using Groundwork.Pledges;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Pledges;

/// Two nodes, each with its own signing queue, writing batches that carry the same signers at the same moment. The
/// batch's fast path inserts its new signers in bulk; a signer the other node inserted meanwhile fails the unique index,
/// and that pledge's part of the batch is written again one savepoint per signature. Either way each person counts once.
public sealed class PledgeNodesTests(PledgeFixture fx) : IClassFixture<PledgeFixture>
{
    readonly PledgeFactory f = fx.Factory;

    [Fact]
    public async Task Two_nodes_writing_the_same_signers_at_once_count_each_person_once()
    {
        var o = await f.OrgWithMembersAsync(1, 0);
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, PledgeBuilders.Body(min: 5000));
        var key = f.Keys().FindRecent(Pledge.KeyNameOf(p.Id), SignPledge.KeyMemory)!;
        for (var round = 0; round < 4; round++)
        {
            // 40 people: 10 only in the first node's batch, 10 only in the second's, 20 in both (in opposite orders).
            var people = Enumerable.Range(0, 40).Select(_ => "person:" + Guid.NewGuid().ToString("N")).ToList();
            SignatureWrite Write(string who) => new(p.Id, SignerIdentity.Hash(key, who), SealedKeys.Seal(key, who, Pledge.SealContextOf(p.Id)),
                o.OrgId, null, null, ConditionScope.Pledge);
            var a = people.Take(30).Select(Write).ToList();
            var b = people.Skip(10).Reverse().Select(Write).ToList();
            var both = await Task.WhenAll(Task.Run(() => OnNodeAsync(a)), Task.Run(() => OnNodeAsync(b)));

            var outcomes = both.SelectMany(r => r).ToList();
            Assert.Equal(40, outcomes.Count(r => r.Ok && r.Value == SignKind.Signed));
            var refused = outcomes.Where(r => !r.Ok).ToList();
            Assert.Equal(20, refused.Count);
            Assert.All(refused, r => Assert.Contains("already signed", r.Failure!.Title, StringComparison.Ordinal));
        }
        var (rows, distinct, total) = await f.WithDbAsync(async db => (
            await db.PledgeSignatures.CountAsync(s => s.PledgeId == p.Id),
            await db.PledgeSignatures.Where(s => s.PledgeId == p.Id).Select(s => s.SignerHash).Distinct().CountAsync(),
            await db.PledgeTallies.Where(t => t.PledgeId == p.Id && t.Scope == TallyScope.Total).Select(t => t.Signed).SingleAsync()));
        Assert.Equal(160, rows);
        Assert.Equal(160, distinct);
        Assert.Equal(160, total);
    }

    async Task<Groundwork.Web.Outcome<SignKind>[]> OnNodeAsync(List<SignatureWrite> batch)
    {
        await using var scope = f.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await SignPledge.ApplySignaturesAsync(db, batch, CancellationToken.None);
    }
}
