using System.Globalization;
using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Notifications;

/// Tells people things, in the app and by email. Capabilities call it after their own change has been saved; it saves
/// its rows in a context of its own, so it never commits someone else's half-made change.
public sealed class Notifier(IServiceScopeFactory scopes, TimeProvider clock, NotificationOutbox outbox)
{
    const int Chunk = 500;

    /// One in-app notification per person and key (a unique index: calling again with the same key tells nobody twice),
    /// and an email to each, sent by a background outbox. <paramref name="compose"/> runs once per recipient language
    /// with that language as CurrentUICulture, so the localizer inside it speaks the recipient's language.
    /// Returns how many people were newly notified.
    public async Task<int> NotifyAsync(IEnumerable<string> personIds, string key, Func<NotificationText> compose, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var ids = personIds.Where(p => !string.IsNullOrEmpty(p)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var texts = new Dictionary<string, NotificationText>(StringComparer.Ordinal);
        var added = 0;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var people = await db.Users.AsNoTracking().Where(p => chunk.Contains(p.Id))
                .Select(p => new { p.Id, p.PreferredLanguage }).ToListAsync(ct);
            var told = (await db.Notifications.AsNoTracking().Where(n => n.Key == key && chunk.Contains(n.PersonId))
                .Select(n => n.PersonId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var rows = new List<Notification>();
            foreach (var p in people.Where(p => !told.Contains(p.Id)))
            {
                var language = Language(p.PreferredLanguage);
                if (!texts.TryGetValue(language, out var text)) texts[language] = text = InLanguage(language, compose);
                rows.Add(new Notification { PersonId = p.Id, Key = key, Title = text.Title, Body = text.Body, Link = text.Link, CreatedUtc = now });
            }
            added += await InsertAsync(db, rows, ct);
        }
        if (added > 0) outbox.Wake();
        return added;
    }

    /// The batch in one transaction when nobody raced us (a prepared INSERT a row on SQLite, one COPY on PostgreSQL, no
    /// change tracking: a pledge that activates tells thousands at once); one by one, skipping the ones already told,
    /// when someone did.
    static async Task<int> InsertAsync(AppDbContext db, List<Notification> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return 0;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await BulkRows.InsertAsync(db, rows, ct);
                await tx.CommitAsync(ct);
                return rows.Count;
            }
            catch (System.Data.Common.DbException e) when (e.IsUniqueViolation())
            {
                await tx.RollbackAsync(CancellationToken.None);
            }
        }
        var added = 0;
        foreach (var row in rows)
        {
            row.Id = 0;
            db.Notifications.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                added++;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Told already, by a concurrent call with the same key.
            }
            db.ChangeTracker.Clear();
        }
        return added;
    }

    public static string Language(string? preferred) =>
        preferred is { Length: >= 2 } p && p[..2].Equals("es", StringComparison.OrdinalIgnoreCase) ? "es" : "en";

    static NotificationText InLanguage(string language, Func<NotificationText> compose)
    {
        var (ui, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
            return compose();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, culture);
        }
    }
}
