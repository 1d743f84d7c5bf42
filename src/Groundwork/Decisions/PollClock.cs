using Groundwork.Data;
using Groundwork.Jobs;
using Groundwork.Notifications;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Decisions;

/// Opens and closes polls on time and tells people, on any node, each thing once: every step is a conditional UPDATE
/// on the poll's status or a flag, and the Notifier's keys tell each person once, so a restart (or two nodes) repeats
/// nothing. <see cref="TickAsync"/> is one pass; tests call it with their own clock.
public sealed class PollClock(IServiceScopeFactory scopes, TimeProvider clock) : IRecurringJob
{
    public string Name => nameof(PollClock);

    public TimeSpan Interval => TimeSpan.FromSeconds(30);

    public Task<int> RunOnceAsync(CancellationToken ct) => TickAsync(ct);

    /// One pass: open what is due, close what is due, send what is due, destroy keys left by an interrupted close.
    public async Task<int> TickAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var done = 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var polls = scope.ServiceProvider.GetRequiredService<PollLifecycle>();
        var toOpen = await db.Polls.AsNoTracking().Where(p => p.Status == PollStatus.Scheduled && p.OpensUtc != null && p.OpensUtc <= now)
            .Select(p => p.Id).Take(100).ToListAsync(ct);
        foreach (var id in toOpen) if ((await polls.OpenAsync(id, ct)).Ok) done++;
        var toClose = await db.Polls.AsNoTracking().Where(p => p.Status == PollStatus.Open && p.ClosesUtc != null && p.ClosesUtc <= now)
            .Select(p => p.Id).Take(100).ToListAsync(ct);
        foreach (var id in toClose) if ((await polls.CloseAsync(id, null, ct)).Ok) done++;
        done += await NotifyAsync(scope.ServiceProvider, db, now, ct);
        var keys = scope.ServiceProvider.GetRequiredService<SealedKeys>();
        var closedSecret = await db.Polls.AsNoTracking().Where(p => p.Status == PollStatus.Closed && p.Secret).Select(p => p.Id).ToListAsync(ct);
        foreach (var id in closedSecret) if (keys.Destroy(PollKeys.Name(id))) done++;
        return done;
    }

    static async Task<int> NotifyAsync(IServiceProvider services, AppDbContext db, DateTime now, CancellationToken ct)
    {
        var notifier = services.GetRequiredService<Notifier>();
        var L = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var told = 0;
        string F(string format, params object?[] args) => string.Format(System.Globalization.CultureInfo.CurrentCulture, L[format], args);

        var opened = await db.Polls.AsNoTracking().Where(p => p.Status == PollStatus.Open && !p.OpenNotified).Take(50).ToListAsync(ct);
        foreach (var p in opened)
        {
            var people = await db.PollEntitlements.AsNoTracking().Where(e => e.PollId == p.Id).Select(e => e.PersonId).ToListAsync(ct);
            told += await notifier.NotifyAsync(people, $"poll-opened:{p.Id}", () => new NotificationText(
                F("Vote now: {0}", p.Title),
                p.ClosesUtc is { } c ? F("Voting is open until {0:g} UTC.", c) : L["Voting is open."], Poll.Link(p.OrganizationId, p.Id)), ct);
            await db.Polls.Where(x => x.Id == p.Id && !x.OpenNotified).ExecuteUpdateAsync(s => s.SetProperty(x => x.OpenNotified, true), ct);
        }

        var closing = await db.Polls.AsNoTracking()
            .Where(p => p.Status == PollStatus.Open && !p.ReminderNotified && p.ReminderHours > 0 && p.ClosesUtc != null).Take(200).ToListAsync(ct);
        foreach (var p in closing.Where(p => p.ClosesUtc!.Value.AddHours(-p.ReminderHours) <= now))
        {
            // A secret poll's roll holds exactly those who have not voted yet; an open poll's votes name those who have.
            var people = p.Secret
                ? await db.VoterRoll.AsNoTracking().Where(v => v.PollId == p.Id).Select(v => v.PersonId).ToListAsync(ct)
                : await db.PollEntitlements.AsNoTracking()
                    .Where(e => e.PollId == p.Id && !db.Votes.Any(v => v.PollId == p.Id && v.Latest && v.PersonId == e.PersonId))
                    .Select(e => e.PersonId).ToListAsync(ct);
            told += await notifier.NotifyAsync(people, $"poll-reminder:{p.Id}", () => new NotificationText(
                F("Closing soon: {0}", p.Title), F("Voting closes at {0:g} UTC and you have not voted yet.", p.ClosesUtc), Poll.Link(p.OrganizationId, p.Id)), ct);
            await db.Polls.Where(x => x.Id == p.Id && !x.ReminderNotified).ExecuteUpdateAsync(s => s.SetProperty(x => x.ReminderNotified, true), ct);
        }

        var results = await db.Polls.AsNoTracking().Where(p => p.Status == PollStatus.Closed && !p.ResultNotified).Take(50).ToListAsync(ct);
        foreach (var p in results)
        {
            var people = await db.PollEntitlements.AsNoTracking().Where(e => e.PollId == p.Id).Select(e => e.PersonId).ToListAsync(ct);
            var shown = DecisionPermissions.Results(p) == ResultsAccess.Visible;
            told += await notifier.NotifyAsync(people, $"poll-result:{p.Id}", () => new NotificationText(
                F("Result: {0}", p.Title),
                shown ? L["The poll has closed and its result is published."] : L["The poll has closed. Too few ballots were cast for a secret ballot's result to be published."],
                Poll.Link(p.OrganizationId, p.Id)), ct);
            await db.Polls.Where(x => x.Id == p.Id && !x.ResultNotified).ExecuteUpdateAsync(s => s.SetProperty(x => x.ResultNotified, true), ct);
        }
        return told;
    }
}
