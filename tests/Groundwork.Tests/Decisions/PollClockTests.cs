using Groundwork.Data;
using Groundwork.Decisions;
using Groundwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Tests.Decisions;

public sealed class PollClockTests
{
    [Fact]
    public async Task Polls_open_remind_and_close_on_time_exactly_once_and_each_person_is_told_once()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        using var f = await new GroundworkFactory { Clock = clock }.StartAsync();
        var a = await f.AssemblyAsync(5);
        var now = clock.Now.UtcDateTime;
        var poll = await a.CreatePollAsync(new { kind = "SingleChoice", title = "Picket day", options = new[] { "Monday", "Friday" }, secret = true,
            opensUtc = now.AddHours(1), closesUtc = now.AddHours(49), reminderHours = 24 });
        Assert.Equal(PollStatus.Scheduled, poll.Status);
        var ticker = f.Services.GetRequiredService<PollClock>();
        async Task<int> Told(string key) => await f.WithDbAsync(db => db.Notifications.CountAsync(n => n.Key == key));

        await ticker.TickAsync(default);
        Assert.Equal(PollStatus.Scheduled, await StatusAsync(f, poll.Id));

        clock.Now = clock.Now.AddHours(1);
        // Two nodes (or a restart mid-pass) running the same pass at once: the poll opens once, everyone is told once.
        await Task.WhenAll(ticker.TickAsync(default), ticker.TickAsync(default));
        Assert.Equal(PollStatus.Open, await StatusAsync(f, poll.Id));
        Assert.Equal(6, await Told($"poll-opened:{poll.Id}"));
        for (var i = 0; i < 5; i++) await a.VoteOkAsync(a.Members[i], poll.Id, new { choice = poll.Options[i % 2].Id });

        clock.Now = clock.Now.AddHours(25); // 23 hours before close: the reminder goes to the one who has not voted
        await ticker.TickAsync(default);
        await ticker.TickAsync(default);
        Assert.Equal(1, await Told($"poll-reminder:{poll.Id}"));
        Assert.Equal(1, await f.WithDbAsync(db => db.Notifications.CountAsync(n => n.Key == $"poll-reminder:{poll.Id}" && n.PersonId == a.Admin.Id)));

        clock.Now = clock.Now.AddHours(24);
        await Task.WhenAll(ticker.TickAsync(default), ticker.TickAsync(default), ticker.TickAsync(default));
        Assert.Equal(PollStatus.Closed, await StatusAsync(f, poll.Id));
        Assert.Equal(5, await f.WithDbAsync(db => db.PublishedBallots.CountAsync(b => b.PollId == poll.Id)));
        Assert.Equal(0, await f.WithDbAsync(db => db.SealedBallots.CountAsync(b => b.PollId == poll.Id)));
        Assert.Equal(1, await f.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "poll-closed" && e.Detail == $"poll {poll.Id}")));
        Assert.Equal(6, await Told($"poll-result:{poll.Id}"));
        await ticker.TickAsync(default);
        Assert.Equal(6, await Told($"poll-result:{poll.Id}"));
        Assert.Equal(5, await f.WithDbAsync(db => db.PublishedBallots.CountAsync(b => b.PollId == poll.Id)));
    }

    [Fact]
    public async Task A_close_that_stopped_before_destroying_the_key_is_finished_by_the_next_pass()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var a = await f.AssemblyAsync(1);
        var poll = await a.CreatePollAsync(new { kind = "Consent", title = "Keys", secret = true });
        var keys = f.Services.GetRequiredService<SealedKeys>();
        var key = keys.Find(PollKeys.Name(poll.Id))!;
        await a.Admin.Api.PostAsync($"{a.Poll(poll.Id)}/close", null);
        // Put the key back as if the process had died between the commit and the destruction.
        await File.WriteAllBytesAsync(Path.Combine(keys.Directory, PollKeys.Name(poll.Id) + ".key"), key);
        Assert.True(keys.Exists(PollKeys.Name(poll.Id)));
        await f.Services.GetRequiredService<PollClock>().TickAsync(default);
        Assert.False(keys.Exists(PollKeys.Name(poll.Id)));
    }

    static Task<PollStatus> StatusAsync(GroundworkFactory f, int id) => f.WithDbAsync(db => db.Polls.Where(p => p.Id == id).Select(p => p.Status).SingleAsync());
}
