using System.Net;
using System.Security.Cryptography;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Groundwork.Pledges;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Pledges;

public sealed class PledgeTests(PledgeFixture fx) : IClassFixture<PledgeFixture>
{
    readonly PledgeFactory f = fx.Factory;

    string Path(PledgeOrg o, PledgeView p, string rest = "") => $"/api/v1/organizations/{o.OrgId}/pledges/{p.Id}{rest}";

    [Fact]
    public async Task A_signature_counts_once_and_signing_twice_is_a_409_that_changes_no_count()
    {
        var o = await f.OrgWithMembersAsync(2, 0);
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, PledgeBuilders.Body(min: 50));
        Assert.Equal(PledgeStatus.Gathering, p.Status);
        Assert.Equal(HttpStatusCode.Created, (await o.InA[0].SignAsync(o.OrgId, p.Id)).StatusCode);
        var twice = await o.InA[0].SignAsync(o.OrgId, p.Id);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("already signed", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var view = await o.Admin.GetPledgeAsync(o.OrgId, p.Id);
        Assert.Equal(1, view.Signed);
        Assert.Equal(3, view.Eligible); // two members and the admin
        var org = view.Tallies.Single(t => t.Scope == TallyScope.Organization);
        Assert.Equal(1, org.Signed);
    }

    [Fact]
    public async Task Withdrawing_lowers_the_count_and_signing_again_is_allowed_once()
    {
        var o = await f.OrgWithMembersAsync(1, 0);
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, PledgeBuilders.Body(min: 50));
        var me = o.InA[0];
        var never = await (await me.Api.GetAsync(Path(o, p, "/signatures/mine"))).ReadAsync<MySignatureView>();
        Assert.False(never.Signed || never.CanResign);
        Assert.Equal(HttpStatusCode.Created, (await me.SignAsync(o.OrgId, p.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await me.Api.DeleteAsync(Path(o, p, "/signatures/mine"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await me.Api.DeleteAsync(Path(o, p, "/signatures/mine"))).StatusCode);
        Assert.Equal(0, (await o.Admin.GetPledgeAsync(o.OrgId, p.Id)).Signed);
        var mine = await (await me.Api.GetAsync(Path(o, p, "/signatures/mine"))).ReadAsync<MySignatureView>();
        Assert.True(mine.CanResign);
        Assert.False(mine.Signed);
        Assert.Equal(HttpStatusCode.Created, (await me.SignAsync(o.OrgId, p.Id)).StatusCode);
        Assert.Equal(1, (await o.Admin.GetPledgeAsync(o.OrgId, p.Id)).Signed);
        Assert.Equal(HttpStatusCode.NoContent, (await me.Api.DeleteAsync(Path(o, p, "/signatures/mine"))).StatusCode);
        var third = await me.SignAsync(o.OrgId, p.Id);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains("once after withdrawing", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await o.Admin.GetPledgeAsync(o.OrgId, p.Id)).Signed);
    }

    [Fact]
    public async Task People_outside_the_chosen_units_may_not_sign_and_a_unit_under_five_shows_fewer_than_5()
    {
        var o = await f.OrgWithMembersAsync(6, 2);
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, new
        {
            statement = "Shift A walks out", deadline = DateTime.UtcNow.AddDays(3), eligibility = "Units", unitIds = new[] { o.UnitA }, minSigners = 100,
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await o.InB[0].SignAsync(o.OrgId, p.Id)).StatusCode);
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.Created, (await o.InA[i].SignAsync(o.OrgId, p.Id)).StatusCode);
        var view = await o.InA[5].GetPledgeAsync(o.OrgId, p.Id);
        var unit = view.Tallies.Single(t => t.Scope == TallyScope.Unit);
        Assert.Null(unit.Signed);
        Assert.Equal("fewer than 5", unit.Display);
        Assert.Equal(6, unit.Eligible);
        Assert.Equal(HttpStatusCode.Created, (await o.InA[4].SignAsync(o.OrgId, p.Id)).StatusCode);
        unit = (await o.InA[5].GetPledgeAsync(o.OrgId, p.Id)).Tallies.Single(t => t.Scope == TallyScope.Unit);
        Assert.Equal(5, unit.Signed);
    }

    [Fact]
    public async Task A_small_unit_cannot_be_worked_out_by_subtracting_the_shown_counts()
    {
        // Shift A: 2 signers, Shift B: 7, everyone placed. Hiding only Shift A would leave it as 9 − 7.
        var o = await f.OrgWithMembersAsync(2, 7);
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, PledgeBuilders.Body(min: 50));
        foreach (var u in o.InA.Concat(o.InB)) Assert.Equal(HttpStatusCode.Created, (await u.SignAsync(o.OrgId, p.Id)).StatusCode);
        var views = new[] { await o.InB[0].GetPledgeAsync(o.OrgId, p.Id), await o.Admin.GetPledgeAsync(o.OrgId, p.Id) };
        var signAnswer = await (await o.Admin.SignAsync(o.OrgId, p.Id)).ReadAsync<PledgeView>(); // the admin is in no unit
        foreach (var view in views.Append(signAnswer))
        {
            var a = view.Tallies.Single(t => t.Scope == TallyScope.Unit && t.RefId == o.UnitA);
            var b = view.Tallies.Single(t => t.Scope == TallyScope.Unit && t.RefId == o.UnitB);
            Assert.Null(a.Signed);
            Assert.Equal("fewer than 5", a.Display);
            Assert.Null(b.Signed);
            Assert.Equal("not shown", b.Display);
            Assert.Null(b.Met);
            // The attack: every count for Shift A that fits what the page shows (its organization's count, if shown, or the
            // total, less the shown units and the signers placed nowhere, which the attacker is assumed to know).
            var org = view.Tallies.Single(t => t.Scope == TallyScope.Organization).Signed ?? view.Signed;
            var unplaced = view.Signed - 9;
            var fits = Enumerable.Range(0, 5).Where(x => org - unplaced - x >= 5).ToList();
            Assert.Contains(2, fits);
            Assert.True(fits.Count >= 2, $"Shift A's count is recoverable from the page: {string.Join(",", fits)}");
        }
        var html = await (await f.SignedInCookieClientAsync(o.InB[0])).GetStringAsync($"/organizations/{o.OrgId}/pledges/{p.Id}");
        Assert.Contains("fewer than 5", html, StringComparison.Ordinal);
        Assert.Contains("not shown", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_condition_that_cannot_be_met_is_refused_with_a_clear_message()
    {
        var o = await f.OrgWithMembersAsync(3, 0);
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, PledgeBuilders.Body(min: 3));
        var res = await o.InA[0].SignAsync(o.OrgId, p.Id, new { atLeastOthers = 10, scope = "Pledge" });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains("cannot be met", await res.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await o.Admin.GetPledgeAsync(o.OrgId, p.Id)).Signed);
        Assert.Equal(HttpStatusCode.BadRequest, (await o.InA[0].SignAsync(o.OrgId, p.Id, new { atLeastOthers = 1, scope = "Sideways" })).StatusCode);
    }

    [Fact]
    public async Task Signing_after_the_deadline_is_refused_and_the_sweeper_expires_the_pledge_destroying_its_key()
    {
        var o = await f.OrgWithMembersAsync(2, 0);
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, PledgeBuilders.Body(min: 50));
        Assert.Equal(HttpStatusCode.Created, (await o.InA[0].SignAsync(o.OrgId, p.Id)).StatusCode);
        Assert.True(f.Keys().Exists(Pledge.KeyNameOf(p.Id)));
        var sealedIdentity = await f.WithDbAsync(db => db.PledgeSignatures.Where(s => s.PledgeId == p.Id).Select(s => s.SealedIdentity).SingleAsync());
        var key = f.Keys().Find(Pledge.KeyNameOf(p.Id))!;
        Assert.Equal(SignerIdentity.Person(o.InA[0].Id), SealedKeys.Open(key, sealedIdentity, Pledge.SealContextOf(p.Id)));

        await f.WithDbAsync(db => db.Pledges.Where(x => x.Id == p.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DeadlineUtc, DateTime.UtcNow.AddSeconds(-1))));
        // A deadline never changes through the app; moving it in the database, the test drops the signing path's copy.
        f.Services.GetRequiredService<PledgeSignQueue>().Pledges.Forget(p.Id);
        var late = await o.InA[1].SignAsync(o.OrgId, p.Id);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var sweeper = f.Services.GetRequiredService<PledgeSweeper>();
        await sweeper.SweepAsync(DateTime.UtcNow, default);
        await sweeper.SweepAsync(DateTime.UtcNow, default);
        Assert.Equal(PledgeStatus.Expired, (await o.Admin.GetPledgeAsync(o.OrgId, p.Id)).Status);
        Assert.False(f.Keys().Exists(Pledge.KeyNameOf(p.Id)));
        Assert.Null(f.Keys().Find(Pledge.KeyNameOf(p.Id)));
        Assert.Equal(1, await f.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == PledgeActions.Expired && e.Detail == $"pledge {p.Id}")));
        // Without the key the ciphertext is noise: no key opens it.
        Assert.ThrowsAny<CryptographicException>(() => SealedKeys.Open(RandomNumberGenerator.GetBytes(32), sealedIdentity, Pledge.SealContextOf(p.Id)));
        Assert.Equal(HttpStatusCode.Conflict, (await o.InA[0].Api.DeleteAsync(Path(o, p, "/signatures/mine"))).StatusCode);
    }

    [Fact]
    public async Task Cancelling_destroys_the_key_and_only_the_starting_organizations_organizers_may_cancel()
    {
        var o = await f.OrgWithMembersAsync(1, 0);
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, PledgeBuilders.Body(min: 5));
        Assert.Equal(HttpStatusCode.Forbidden, (await o.InA[0].Api.PostJsonAsync(Path(o, p, "/cancel"), new { })).StatusCode);
        var res = await o.Admin.Api.PostJsonAsync(Path(o, p, "/cancel"), new { });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(PledgeStatus.Cancelled, (await res.ReadAsync<PledgeView>()).Status);
        Assert.False(f.Keys().Exists(Pledge.KeyNameOf(p.Id)));
        Assert.Equal(HttpStatusCode.Conflict, (await o.Admin.Api.PostJsonAsync(Path(o, p, "/cancel"), new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await o.InA[0].SignAsync(o.OrgId, p.Id)).StatusCode);
    }

    [Fact]
    public async Task Crossing_the_threshold_activates_once_tells_each_signer_once_and_names_stay_hidden_when_the_pledge_said_so()
    {
        var o = await f.OrgWithMembersAsync(3, 0);
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, PledgeBuilders.Body(min: 3));
        Assert.Equal(HttpStatusCode.Created, (await o.InA[0].SignAsync(o.OrgId, p.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await o.InA[1].SignAsync(o.OrgId, p.Id)).StatusCode);
        Assert.Equal(PledgeStatus.Gathering, (await o.Admin.GetPledgeAsync(o.OrgId, p.Id)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await o.Admin.Api.GetAsync(Path(o, p, "/signers"))).StatusCode);
        var last = await o.InA[2].SignAsync(o.OrgId, p.Id);
        Assert.Equal(HttpStatusCode.Created, last.StatusCode);
        Assert.Equal(PledgeStatus.Active, (await last.ReadAsync<PledgeView>()).Status);
        await f.Services.GetRequiredService<PledgeSweeper>().SweepAsync(DateTime.UtcNow, default);
        var key = "pledge-activated:" + p.Id;
        var told = await f.WithDbAsync(db => db.Notifications.Where(n => n.Key == key).Select(n => n.PersonId).ToListAsync());
        Assert.Equal(o.InA.Select(u => u.Id).Order(), told.Order());
        Assert.Equal(1, await f.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == PledgeActions.Activated && e.Detail!.StartsWith($"pledge {p.Id}:"))));
        // Count only: the organizers may not see the names, and withdrawing is over.
        Assert.Equal(HttpStatusCode.Forbidden, (await o.Admin.Api.GetAsync(Path(o, p, "/signers"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await o.InA[0].Api.DeleteAsync(Path(o, p, "/signatures/mine"))).StatusCode);
        var view = await o.Admin.GetPledgeAsync(o.OrgId, p.Id);
        Assert.Equal(3, view.WouldActNow);
        Assert.Equal("We go. Meet at the gate at 6.", view.ActivationMessage);
    }

    [Fact]
    public async Task Names_are_revealed_to_organizers_after_activation_only_when_said_from_the_start_and_the_reveal_is_audited()
    {
        var o = await f.OrgWithMembersAsync(2, 0, name: i => $"Signer {i}");
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, new { statement = "Named pledge", deadline = DateTime.UtcNow.AddDays(1), minSigners = 2, revealNames = true });
        await o.InA[0].SignAsync(o.OrgId, p.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await o.Admin.Api.GetAsync(Path(o, p, "/signers"))).StatusCode);
        await o.InA[1].SignAsync(o.OrgId, p.Id);
        var res = await o.Admin.Api.GetAsync(Path(o, p, "/signers"));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var names = await res.ReadAsync<List<SignerView>>();
        Assert.Equal(["Signer 0", "Signer 1"], names.Select(n => n.DisplayName).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await o.InA[0].Api.GetAsync(Path(o, p, "/signers"))).StatusCode);
        Assert.Equal(1, await f.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == PledgeActions.NamesRevealed && e.ActorId == o.Admin.Id && e.Detail == $"pledge {p.Id}: 2 names")));
    }

    [Fact]
    public async Task Personal_conditions_resolve_to_the_largest_stable_group_before_the_pledge_activates()
    {
        var o = await f.OrgWithMembersAsync(6, 0);
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, PledgeBuilders.Body(min: 3));
        // Two unconditional signers and one who needs 5 others: three signed, but only two would act.
        Assert.Equal(HttpStatusCode.Created, (await o.InA[0].SignAsync(o.OrgId, p.Id, new { atLeastOthers = 5, scope = "Pledge" })).StatusCode);
        await o.InA[1].SignAsync(o.OrgId, p.Id);
        var res = await o.InA[2].SignAsync(o.OrgId, p.Id);
        var view = await res.ReadAsync<PledgeView>();
        Assert.Equal(3, view.Signed);
        Assert.Equal(2, view.WouldActNow);
        Assert.Equal(PledgeStatus.Gathering, view.Status);
        // A fourth, conditional on two others in the unit: now three hold (the 5-others signer still does not).
        view = await (await o.InA[3].SignAsync(o.OrgId, p.Id, new { atLeastOthers = 2, scope = "Unit" })).ReadAsync<PledgeView>();
        Assert.Equal(PledgeStatus.Active, view.Status);
        Assert.Equal(3, view.WouldActNow);
        var bound = await f.WithDbAsync(db => db.PledgeSignatures.CountAsync(s => s.PledgeId == p.Id && s.Bound));
        Assert.Equal(3, bound);
        await f.Services.GetRequiredService<PledgeSweeper>().SweepAsync(DateTime.UtcNow, default);
        var told = await f.WithDbAsync(db => db.Notifications.Where(n => n.Key == "pledge-activated:" + p.Id).Select(n => n.PersonId).ToListAsync());
        Assert.DoesNotContain(o.InA[0].Id, told);
        Assert.Equal(3, told.Count);
    }

    [Fact]
    public async Task Follow_through_is_reported_once_per_bound_signer_after_the_action_date_and_counted()
    {
        var o = await f.OrgWithMembersAsync(3, 0);
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, new { statement = "Walk out", deadline = DateTime.UtcNow.AddDays(2), actionDate = DateTime.UtcNow.AddDays(3), minSigners = 2 });
        await o.InA[0].SignAsync(o.OrgId, p.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await o.InA[0].Api.PostJsonAsync(Path(o, p, "/follow-through"), new { })).StatusCode);
        await o.InA[1].SignAsync(o.OrgId, p.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await o.InA[0].Api.PostJsonAsync(Path(o, p, "/follow-through"), new { })).StatusCode); // before the action date
        await f.WithDbAsync(db => db.Pledges.Where(x => x.Id == p.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ActionUtc, DateTime.UtcNow.AddMinutes(-1))));
        Assert.Equal(HttpStatusCode.NoContent, (await o.InA[0].Api.PostJsonAsync(Path(o, p, "/follow-through"), new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await o.InA[0].Api.PostJsonAsync(Path(o, p, "/follow-through"), new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await o.InA[2].Api.PostJsonAsync(Path(o, p, "/follow-through"), new { })).StatusCode); // never signed
        Assert.Equal(1, (await o.Admin.GetPledgeAsync(o.OrgId, p.Id)).FollowedThrough);
    }

    [Fact]
    public async Task Share_and_per_unit_targets_must_all_hold_together()
    {
        var o = await f.OrgWithMembersAsync(2, 2);
        // Every unit at 50% and at least 3 in total.
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, new { statement = "Both shifts", deadline = DateTime.UtcNow.AddDays(2), sharePercent = 50, shareOf = "Unit", minSigners = 3 });
        await o.InA[0].SignAsync(o.OrgId, p.Id);
        await o.InA[1].SignAsync(o.OrgId, p.Id);
        await o.Admin.SignAsync(o.OrgId, p.Id); // the admin is in no unit: counts in total only
        Assert.Equal(PledgeStatus.Gathering, (await o.Admin.GetPledgeAsync(o.OrgId, p.Id)).Status);
        var view = await (await o.InB[0].SignAsync(o.OrgId, p.Id)).ReadAsync<PledgeView>();
        Assert.Equal(PledgeStatus.Active, view.Status);
        Assert.Equal(view.TargetCount, view.TargetsMet);
    }

    [Fact]
    public async Task A_federation_organizer_may_start_a_pledge_across_its_locals_and_a_local_admin_may_not_include_another_local()
    {
        var fedAdmin = await f.CreateUserAsync();
        var fed = await fedAdmin.CreateOrgAsync(kind: OrganizationKind.Federation);
        var one = await f.OrgWithMembersAsync(1, 0, parentId: fed.Id, creator: fedAdmin);
        var two = await f.OrgWithMembersAsync(1, 0, parentId: fed.Id, creator: fedAdmin);
        // The federation admin runs local two only through the federation; a local admin runs only local one.
        await f.WithDbAsync(db => db.Memberships.Where(m => m.OrganizationId == two.OrgId && m.PersonId == fedAdmin.Id).ExecuteDeleteAsync());
        var localAdmin = await f.CreateUserAsync();
        await f.AddMemberAsync(one.OrgId, localAdmin.Id, Role.Admin);
        var body = new { statement = "General strike", deadline = DateTime.UtcNow.AddDays(5), organizationIds = new[] { one.OrgId, two.OrgId }, minSigners = 2, perOrganizationTarget = 1 };
        var refused = await localAdmin.Api.PostJsonAsync($"/api/v1/organizations/{one.OrgId}/pledges", body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var p = await fedAdmin.CreatePledgeAsync(one.OrgId, body);
        Assert.Equal(2, p.Organizations.Count);
        await one.InA[0].SignAsync(one.OrgId, p.Id);
        Assert.Equal(PledgeStatus.Gathering, (await one.InA[0].GetPledgeAsync(one.OrgId, p.Id)).Status);
        var res = await two.InA[0].SignAsync(two.OrgId, p.Id);
        Assert.Equal(PledgeStatus.Active, (await res.ReadAsync<PledgeView>()).Status);
    }

    [Fact]
    public async Task Bad_pledges_are_refused_with_a_field_and_create_nothing()
    {
        var o = await f.OrgWithMembersAsync(1, 0);
        var secret = await f.OrgWithMembersAsync(0, 0, visibility: Visibility.Secret);
        var before = await f.WithDbAsync(db => db.Pledges.CountAsync());
        foreach (var body in new object[]
        {
            new { statement = "No threshold", deadline = DateTime.UtcNow.AddDays(1) },
            new { statement = "Past", deadline = DateTime.UtcNow.AddDays(-1), minSigners = 2 },
            new { statement = "Too far", deadline = DateTime.UtcNow.AddYears(5), minSigners = 2 },
            new { statement = "Someone else's org", deadline = DateTime.UtcNow.AddDays(1), minSigners = 2, organizationIds = new[] { secret.OrgId } },
            new { statement = "Units without units", deadline = DateTime.UtcNow.AddDays(1), minSigners = 2, eligibility = "Units" },
            new { statement = "Eligibility 9", deadline = DateTime.UtcNow.AddDays(1), minSigners = 2, eligibility = 9 },
            new { statement = "Target elsewhere", deadline = DateTime.UtcNow.AddDays(1), targets = new[] { new { unitId = 2147483647, count = 3 } } },
            new { statement = "x", deadline = DateTime.UtcNow.AddDays(1), minSigners = 2 },
        })
        {
            var res = await o.Admin.Api.PostJsonAsync($"/api/v1/organizations/{o.OrgId}/pledges", body);
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
            Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        }
        var pub = await secret.Admin.Api.PostJsonAsync($"/api/v1/organizations/{secret.OrgId}/pledges",
            new { statement = "Public from a secret org", deadline = DateTime.UtcNow.AddDays(1), minSigners = 2, eligibility = "Public" });
        Assert.Equal(HttpStatusCode.BadRequest, pub.StatusCode);
        Assert.Equal(before, await f.WithDbAsync(db => db.Pledges.CountAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await o.InA[0].Api.PostJsonAsync($"/api/v1/organizations/{o.OrgId}/pledges", PledgeBuilders.Body(min: 2))).StatusCode);
    }

    [Fact]
    public async Task A_public_pledge_is_signed_by_confirming_an_email_and_shows_nothing_for_a_pledge_that_is_not_public()
    {
        var o = await f.OrgWithMembersAsync(0, 0);
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, new { statement = "Rent strike on Elm Street", deadline = DateTime.UtcNow.AddDays(5), minSigners = 2, eligibility = "Public" });
        Assert.NotNull(p.PublicSlug);
        var anon = f.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync($"/api/v1/public/pledges/{p.PublicSlug}")).StatusCode);
        var members = await o.Admin.CreatePledgeAsync(o.OrgId, PledgeBuilders.Body(min: 2));
        Assert.Null(members.PublicSlug);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/v1/public/pledges/{members.Id}")).StatusCode);

        var email = $"tenant{Guid.NewGuid():N}@example.test";
        var res = await anon.PostJsonAsync($"/api/v1/public/pledges/{p.PublicSlug}/signatures", new { email });
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        Assert.Equal(0, (await (await anon.GetAsync($"/api/v1/public/pledges/{p.PublicSlug}")).ReadAsync<PledgeView>()).Signed);
        var token = ConfirmationToken(email);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.PostJsonAsync("/api/v1/public/pledges/confirmations", new { token = "gwp_" + new string('0', 48) })).StatusCode);
        var confirmed = await anon.PostJsonAsync("/api/v1/public/pledges/confirmations", new { token });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(1, (await confirmed.ReadAsync<PledgeView>()).Signed);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.PostJsonAsync("/api/v1/public/pledges/confirmations", new { token })).StatusCode);
        // Asking again with the same address says the same thing and sends nothing: the form does not tell who signed.
        var again = await anon.PostJsonAsync($"/api/v1/public/pledges/{p.PublicSlug}/signatures", new { email = email.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Single(Mails(email));
        Assert.Equal(HttpStatusCode.BadRequest, (await anon.PostJsonAsync($"/api/v1/public/pledges/{p.PublicSlug}/signatures", new { email = "not an email" })).StatusCode);

        // The second confirmed signer activates it; both are told by email.
        var second = $"tenant{Guid.NewGuid():N}@example.test";
        await anon.PostJsonAsync($"/api/v1/public/pledges/{p.PublicSlug}/signatures", new { email = second });
        var done = await anon.PostJsonAsync("/api/v1/public/pledges/confirmations", new { token = ConfirmationToken(second) });
        Assert.Equal(PledgeStatus.Active, (await done.ReadAsync<PledgeView>()).Status);
        Assert.Equal(2, Mails(email).Count);
        Assert.Equal(2, Mails(second).Count);
    }

    [Fact]
    public async Task The_pledge_page_signs_with_one_tap_without_javascript_and_withdraws()
    {
        var o = await f.OrgWithMembersAsync(1, 0);
        var p = await o.Admin.CreatePledgeAsync(o.OrgId, PledgeBuilders.Body(min: 50));
        var browser = await f.SignedInCookieClientAsync(o.InA[0]);
        var url = $"/organizations/{o.OrgId}/pledges/{p.Id}";
        var html = await browser.GetStringAsync(url);
        Assert.Contains("Sign: I&#x27;m in", html, StringComparison.Ordinal);
        Assert.Contains("fewer than 5", html, StringComparison.Ordinal);
        var signed = await browser.PostFormAsync(url, "sign", []);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Contains("Withdraw my signature", await signed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, (await o.Admin.GetPledgeAsync(o.OrgId, p.Id)).Signed);
        var withdrawn = await browser.PostFormAsync(url, "withdraw", []);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(0, (await o.Admin.GetPledgeAsync(o.OrgId, p.Id)).Signed);
        var list = await browser.GetStringAsync($"/organizations/{o.OrgId}/pledges");
        Assert.Contains(url.TrimStart('/'), list, StringComparison.Ordinal);
    }

    List<string> Mails(string to)
    {
        var dir = System.IO.Path.Combine(f.DataDirectory, "mail");
        return !Directory.Exists(dir) ? [] : Directory.GetFiles(dir, "*.eml").Select(file => MimeKit.MimeMessage.Load(file))
            .Where(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, to, StringComparison.OrdinalIgnoreCase))).Select(m => m.TextBody ?? "").ToList();
    }

    string ConfirmationToken(string email)
    {
        var mail = Assert.Single(Mails(email));
        // An absolute link: a mail program cannot open a relative one.
        var m = System.Text.RegularExpressions.Regex.Match(mail, "https?://[^/\\s]+/pledges/confirm/(gwp_[0-9a-f]+)");
        Assert.True(m.Success, mail);
        return m.Groups[1].Value;
    }
}
