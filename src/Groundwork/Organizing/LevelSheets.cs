using Groundwork.Data;
using Groundwork.Web;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Organizing;

/// The latest level of every contact of an organization on one scale, kept as a few encrypted values (one per shard
/// of contact ids) instead of one encrypted value per contact: the wall chart opens 16 values, not 10,000. A
/// derived copy of <see cref="ContactLevel"/>, written in the same transaction as every change to it and rebuilt
/// from it when missing; the level stays as secret as there (the whole sheet is one encrypted field).
public sealed class LevelSheet
{
    public int OrganizationId { get; set; }
    public int ScaleId { get; set; }
    /// ContactId mod <see cref="LevelSheets.Shards"/>.
    public int Shard { get; set; }
    /// Encrypted; in clear, the base64 of <see cref="LevelSheets.Encode"/>.
    public required string Data { get; set; }
    /// Bumped by every writer: the update that takes the row lock before the read-modify-write.
    public int Version { get; set; }
}

public static class LevelSheets
{
    /// Few enough that a chart reads a handful of rows, enough that one assessment rewrites (and locks) a
    /// sixteenth of an organization's levels, not all of them.
    public const int Shards = 16;
    const byte Format = 1;

    public static int ShardOf(int contactId) => (int)((uint)contactId % Shards);

    /// The level ids by contact id, for one scale. Missing shards (an organization assessed before sheets existed,
    /// or a new scale) are rebuilt from the per-contact rows and stored, so this happens once.
    public static async Task<Dictionary<int, int>> LoadAsync(AppDbContext db, int orgId, int scaleId, CancellationToken ct)
    {
        var sheets = await db.LevelSheets.AsNoTracking().Where(x => x.OrganizationId == orgId && x.ScaleId == scaleId)
            .Select(x => new { x.Shard, x.Data }).ToListAsync(ct);
        var levels = new Dictionary<int, int>(sheets.Sum(s => s.Data.Length) / 5);
        foreach (var s in sheets) Decode(s.Data, levels);
        if (sheets.Count == Shards) return levels;

        var missing = Enumerable.Range(0, Shards).Except(sheets.Select(s => s.Shard)).ToHashSet();
        var rebuilt = await FromContactLevelsAsync(db, orgId, scaleId, missing, ct);
        foreach (var (contact, level) in rebuilt) levels[contact] = level;
        var added = missing.Select(shard => new LevelSheet
        {
            OrganizationId = orgId, ScaleId = scaleId, Shard = shard, Data = Encode(rebuilt.Where(x => ShardOf(x.Key) == shard)),
        }).ToList();
        db.LevelSheets.AddRange(added);
        try { await db.SaveChangesAsync(ct); }
        // A writer or another reader stored them first: theirs are at least as new as what was read here.
        catch (DbUpdateException e) when (e.IsUniqueViolation()) { }
        finally { foreach (var a in added) db.Entry(a).State = EntityState.Detached; }
        return levels;
    }

    /// Moves one contact's entry (null removes it) inside the caller's transaction, after the caller has changed the
    /// contact's <see cref="ContactLevel"/> rows. The shard's row is locked by an update first, so concurrent writers
    /// of the same shard queue in the database; a shard not stored yet is built from the per-contact rows (which
    /// already hold the caller's change), and a concurrent first build makes this one retry, not overwrite.
    public static async Task SetAsync(AppDbContext db, int orgId, int scaleId, int contactId, int? levelId, CancellationToken ct)
    {
        var shard = ShardOf(contactId);
        for (var attempt = 0; ; attempt++)
        {
            var locked = await db.LevelSheets.Where(x => x.OrganizationId == orgId && x.ScaleId == scaleId && x.Shard == shard)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Version, x => x.Version + 1), ct);
            if (locked == 1)
            {
                var sheet = await db.LevelSheets.SingleAsync(x => x.OrganizationId == orgId && x.ScaleId == scaleId && x.Shard == shard, ct);
                var levels = new Dictionary<int, int>();
                Decode(sheet.Data, levels);
                if (levelId is { } l) levels[contactId] = l;
                else if (!levels.Remove(contactId)) { db.Entry(sheet).State = EntityState.Detached; return; }
                sheet.Data = Encode(levels);
                await db.SaveChangesAsync(ct);
                db.Entry(sheet).State = EntityState.Detached;
                return;
            }
            var built = new LevelSheet
            {
                OrganizationId = orgId, ScaleId = scaleId, Shard = shard,
                Data = Encode(await FromContactLevelsAsync(db, orgId, scaleId, [shard], ct)),
            };
            db.LevelSheets.Add(built);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 3) { }
            finally { db.Entry(built).State = EntityState.Detached; }
        }
    }

    /// The per-contact rows of the given shards, decrypted one by one: the slow path the sheets exist to avoid.
    static async Task<Dictionary<int, int>> FromContactLevelsAsync(AppDbContext db, int orgId, int scaleId, IReadOnlyCollection<int> shards, CancellationToken ct)
    {
        var rows = await db.ContactLevels.AsNoTracking().Where(k => k.OrganizationId == orgId && k.ScaleId == scaleId)
            .Select(k => new { k.ContactId, k.Level }).ToListAsync(ct);
        return rows.Where(r => shards.Contains(ShardOf(r.ContactId))).ToDictionary(r => r.ContactId, r => ContactRules.ParseLevel(r.Level));
    }

    /// Contact ids ascending as 7-bit varint deltas, each followed by its level id: about 4 bytes a contact.
    public static string Encode(IEnumerable<KeyValuePair<int, int>> levels)
    {
        var sorted = levels.OrderBy(x => x.Key).ToList();
        var buffer = new byte[1 + sorted.Count * 10];
        var at = 0;
        buffer[at++] = Format;
        var previous = 0;
        foreach (var (contact, level) in sorted)
        {
            at = Write(buffer, at, (uint)(contact - previous));
            at = Write(buffer, at, (uint)level);
            previous = contact;
        }
        return Convert.ToBase64String(buffer, 0, at);
    }

    public static void Decode(string data, Dictionary<int, int> into)
    {
        var bytes = Convert.FromBase64String(data);
        if (bytes.Length == 0 || bytes[0] != Format) throw new FormatException("Unknown level sheet format.");
        var at = 1;
        var contact = 0;
        while (at < bytes.Length)
        {
            contact += (int)Read(bytes, ref at);
            into[contact] = (int)Read(bytes, ref at);
        }
    }

    static int Write(byte[] buffer, int at, uint value)
    {
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[at++] = (byte)value;
        return at;
    }

    static uint Read(byte[] bytes, ref int at)
    {
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (at >= bytes.Length || shift > 28) throw new FormatException("Truncated level sheet.");
            var b = bytes[at++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
