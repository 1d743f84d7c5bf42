using Groundwork.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Accounts;

/// People's display names by id, for a view that shows who did what. A view collects the ids it shows and asks once: one
/// query (up to 500 ids; a longer list is read 500 at a time, so the statement's parameters stay bounded), never one a
/// row. Only the id and the name are read: the person's other encrypted columns are not decrypted for a list.
/// A person not found (a deleted account) has no name here: each view says what it shows instead, as `Find(id) ?? …`.
public sealed class DisplayNames
{
    const int Chunk = 500;

    readonly Dictionary<string, string> names;

    DisplayNames(Dictionary<string, string> names) => this.names = names;

    public static async Task<DisplayNames> LoadAsync(AppDbContext db, IEnumerable<string?> personIds, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in personIds.OfType<string>().Distinct(StringComparer.Ordinal).Chunk(Chunk))
            foreach (var p in await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
                names[p.Id] = p.DisplayName;
        return new DisplayNames(names);
    }

    /// The person's name, or null for no id or a person not found.
    public string? Find(string? personId) => personId is not null && names.TryGetValue(personId, out var n) ? n : null;
}
