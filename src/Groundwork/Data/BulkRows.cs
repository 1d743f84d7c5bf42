using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Groundwork.Data;

/// Inserts many entities of one type without change tracking, inside the context's current transaction, with the
/// columns and value conversions read from the EF model: every converter of the model (FieldCrypto's encryption of the
/// sensitive fields, enums as strings, UTC dates) runs exactly as SaveChanges would run it. SQLite: one prepared INSERT
/// per row (… RETURNING the generated key when there is one); PostgreSQL: generated keys taken from the sequence first,
/// then one binary COPY.
public static class BulkRows
{
    sealed record Column(string Name, Func<object, object?> Read, RelationalTypeMapping Mapping, string PgType);

    sealed record Table(string Name, List<Column> Columns, IProperty? Generated);

    static Table Describe<T>(AppDbContext db)
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = type.GetTableName()!;
        var id = StoreObjectIdentifier.Table(table, type.GetSchema());
        var key = type.FindPrimaryKey()!.Properties;
        // A store-generated key (an integer identity) is left to the database and read back; a client-generated one (a
        // Guid, which EF also marks "generated on add") is the caller's to set and is written like any other column.
        var generated = key is [{ ValueGenerated: ValueGenerated.OnAdd } only] && (only.ClrType == typeof(int) || only.ClrType == typeof(long)) ? only : null;
        var columns = new List<Column>();
        foreach (var p in type.GetProperties())
        {
            if (p.IsShadowProperty()) throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} is a shadow property: not bulk-insertable.");
            if (p == generated) continue;
            var mapping = (RelationalTypeMapping)p.GetTypeMapping();
            var getter = p.GetGetter();
            var converter = mapping.Converter;
            Func<object, object?> read = converter is null ? e => getter.GetClrValue(e) : e =>
            {
                var v = getter.GetClrValue(e);
                return v is null ? null : converter.ConvertToProvider(v);
            };
            var store = mapping.StoreType;
            var paren = store.IndexOf('(', StringComparison.Ordinal);
            columns.Add(new Column(p.GetColumnName(id)!, read, mapping, paren < 0 ? store : store[..paren].Trim()));
        }
        return new Table(table, columns, generated);
    }

    /// Inserts the entities in order and, when the table has a generated key, sets it on each entity.
    public static async Task InsertAsync<T>(AppDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var t = Describe<T>(db);
        var conn = db.Database.GetDbConnection();
        var tx = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Bulk inserts run inside a transaction.");
        if (conn is NpgsqlConnection pg)
        {
            var columns = t.Columns;
            long[]? ids = null;
            if (t.Generated is { } g)
            {
                ids = new long[rows.Count];
                await using (var next = pg.CreateCommand())
                {
                    next.CommandText = "SELECT nextval(pg_get_serial_sequence(@t, @c)) FROM generate_series(1, @n)";
                    next.Parameters.AddWithValue("t", $"\"{t.Name}\"");
                    next.Parameters.AddWithValue("c", g.GetColumnName());
                    next.Parameters.AddWithValue("n", rows.Count);
                    await using var r = await next.ExecuteReaderAsync(ct);
                    for (var i = 0; await r.ReadAsync(ct); i++) ids[i] = r.GetInt64(0);
                }
            }
            var names = (t.Generated is { } k ? [k.GetColumnName()] : Array.Empty<string>()).Concat(columns.Select(c => c.Name));
            await using (var import = await pg.BeginBinaryImportAsync($"COPY \"{t.Name}\" ({string.Join(", ", names.Select(n => $"\"{n}\""))}) FROM STDIN (FORMAT BINARY)", ct))
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    await import.StartRowAsync(ct);
                    if (ids is not null) await import.WriteAsync(ToKey(t.Generated!, ids[i]), t.Generated!.GetRelationalTypeMapping().StoreType, ct);
                    foreach (var c in columns)
                    {
                        var v = c.Read(rows[i]);
                        if (v is null) await import.WriteNullAsync(ct);
                        else await import.WriteAsync(v, c.PgType, ct);
                    }
                }
                await import.CompleteAsync(ct);
            }
            if (ids is not null)
                for (var i = 0; i < rows.Count; i++) t.Generated!.PropertyInfo!.SetValue(rows[i], ToKey(t.Generated, ids[i]));
            return;
        }
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
#pragma warning disable CA2100 // table and column names come from the EF model
        cmd.CommandText = $"INSERT INTO \"{t.Name}\" ({string.Join(", ", t.Columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", t.Columns.Select((_, i) => "@v" + i))})"
            + (t.Generated is { } gen ? $" RETURNING \"{gen.GetColumnName()}\"" : "");
#pragma warning restore CA2100
        var parameters = new DbParameter[t.Columns.Count];
        for (var i = 0; i < t.Columns.Count; i++)
        {
            parameters[i] = t.Columns[i].Mapping.CreateParameter(cmd, "@v" + i, null, nullable: true);
            cmd.Parameters.Add(parameters[i]);
        }
        await cmd.PrepareAsync(ct);
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = t.Columns[i].Read(row) ?? DBNull.Value;
            if (t.Generated is { } key)
                key.PropertyInfo!.SetValue(row, ToKey(key, Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture)));
            else await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    static object ToKey(IProperty key, long v) => key.ClrType == typeof(int) ? (object)checked((int)v) : v;
}
