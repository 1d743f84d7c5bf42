using System.Security.Cryptography;
using Groundwork.Audit;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Decisions;

/// A new poll or election, opened at once unless it is scheduled (or an election, which opens once nominated).
/// Times are UTC: the API's JSON converter and the page (UtcTime.Normalize) make them so before they reach here.
public sealed class CreatePoll(AppDbContext db, TimeProvider clock, PollLifecycle lifecycle)
{
    DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<Poll>> CreateAsync(int orgId, Membership me, CreatePollInput input, CancellationToken ct)
    {
        // The input's own rules (CreatePollInput's attributes and Validate) were checked at the edge.
        var kind = input.Kind.GetValueOrDefault();
        var title = (input.Title ?? "").Trim();
        var now = Now;
        var labels = input.OptionLabels();
        var method = input.CountingMethod();
        if (input.ClosesUtc is { } closes && closes <= now) return Failure.Invalid(CreatePollInput.ClosingMessage, "closesUtc");
        var unitIds = (input.UnitIds ?? []).Distinct().ToArray();
        if (unitIds.Length > 0 && await db.Units.CountAsync(u => u.OrganizationId == orgId && unitIds.Contains(u.Id), ct) != unitIds.Length)
            return Failure.Invalid("A unit does not belong to this organization.", "unitIds");
        var roles = (input.Roles ?? []).Distinct().ToArray();
        if (!DecisionPermissions.CanAsk(me, unitIds)) return Failure.Forbidden("You organize some units only: ask those units.");

        var poll = new Poll
        {
            OrganizationId = orgId, Kind = kind, Title = title, Description = (input.Description ?? "").Trim(), Secret = input.Secret,
            ShuffleOptions = input.ShuffleOptions, HideResultsUntilClose = input.HideResultsUntilClose, AllowVoteChange = input.AllowVoteChange,
            Method = method, Seats = input.Seats, MaxChoices = input.MaxChoices, Points = input.Points, MaxPerOption = input.MaxPerOption,
            ScoreMin = input.ScoreMin, ScoreMax = input.ScoreMax, Target = input.Target, Quorum = input.Quorum,
            ThresholdNumerator = input.ThresholdNumerator, ThresholdDenominator = input.ThresholdDenominator, ThresholdStrict = input.ThresholdStrict,
            Base = input.Base, EligibleUnits = string.Join(',', unitIds), EligibleRoles = string.Join(',', roles),
            OpensUtc = input.OpensUtc, ClosesUtc = input.ClosesUtc, ReminderHours = input.ReminderHours,
            LotSeed = RandomNumberGenerator.GetInt32(1, int.MaxValue), CreatedById = me.PersonId, CreatedUtc = now,
            Options = [.. labels.Select((l, i) => new PollOption { Label = l, Position = i })],
        };
        db.Polls.Add(poll);
        db.Record(now, "poll-created", me.PersonId, orgId, detail: $"poll {kind}");
        await db.SaveChangesAsync(ct);
        if (kind != PollKind.Election && (input.OpensUtc is null || input.OpensUtc <= now))
        {
            var opened = await lifecycle.OpenAsync(poll.Id, ct);
            if (!opened.Ok) return opened.Failure!;
            await db.Entry(poll).ReloadAsync(ct);
        }
        return poll;
    }
}
