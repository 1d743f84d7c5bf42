using System.Globalization;
using Groundwork.Data;
using Groundwork.Jobs;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Groundwork.Notifications;

/// Sends the email side of notifications in the background: the request that caused ten thousand of them does not
/// wait for ten thousand SMTP conversations. Each email is claimed by a conditional UPDATE before it is sent, so two
/// instances (or a restart) never send it twice; a crash between claim and send loses that one email rather than
/// sending it twice (the in-app notification is there either way).
public sealed class NotificationOutbox(IServiceScopeFactory scopes, JobSignals signals, ILogger<NotificationOutbox> log, InstanceOptions instance) : IRecurringJob
{
    const int Batch = 100;

    public string Name => nameof(NotificationOutbox);

    /// The wait when the outbox is empty and nobody queued mail (a crash's leftovers, another node's mail).
    public TimeSpan Interval => TimeSpan.FromSeconds(30);

    /// Batch after batch until the outbox is empty.
    public bool Drain => true;

    public Task<int> RunOnceAsync(CancellationToken ct) => SendBatchAsync(ct);

    /// New mail was queued: send it now rather than at the end of the wait.
    public void Wake() => signals.Wake(Name);

    /// Sends up to one batch of pending emails; returns how many it handled.
    public async Task<int> SendBatchAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var mailer = scope.ServiceProvider.GetRequiredService<IMailer>();
        var L = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        var pending = await db.Notifications.AsNoTracking().Where(n => n.Email == EmailState.Pending)
            .OrderBy(n => n.Id).Take(Batch).ToListAsync(ct);
        foreach (var n in pending)
        {
            var claimed = await db.Notifications.Where(x => x.Id == n.Id && x.Email == EmailState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Email, EmailState.Sending), ct);
            if (claimed == 0) continue;
            var person = await db.Users.AsNoTracking().Where(p => p.Id == n.PersonId)
                .Select(p => new { p.Email, p.EmailConfirmed, p.PreferredLanguage, p.IsDisabled }).FirstOrDefaultAsync(ct);
            EmailState state;
            if (person is null || person.IsDisabled || !person.EmailConfirmed || string.IsNullOrEmpty(person.Email)) state = EmailState.NoAddress;
            else
            {
                try
                {
                    await mailer.SendAsync(person.Email, n.Title, Compose(n, Notifier.Language(person.PreferredLanguage), L), ct);
                    state = EmailState.Sent;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning("A notification email could not be sent ({Error}).", e.GetType().Name); // never the address
                    state = EmailState.Failed;
                }
            }
            await db.Notifications.Where(x => x.Id == n.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Email, state), CancellationToken.None);
        }
        return pending.Count;
    }

    string Compose(Notification n, string language, IStringLocalizer L)
    {
        var ui = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            var link = n.Link is null ? "" : "\n\n" + (instance.PublicUrl is { Length: > 0 } root ? root.TrimEnd('/') + "/" + n.Link : "/" + n.Link);
            return n.Body + link + "\n\n" + L["You get this email because you are a member of an organization on Groundwork."];
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }
}
