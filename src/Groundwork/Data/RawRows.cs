using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Groundwork.Data;

/// Reads the rows of a query composed in LINQ — query filters and the caller's access rule included, translated by EF
/// with its parameters — through the provider's data reader rather than EF's materializer. For the few read paths that
/// pull thousands of narrow rows per request (the wall chart), where an object per row cost more than the database.
/// Columns are found by the names of the projection's members, never by position.
public static class RawRows
{
    public static async Task ReadAsync<T>(this IQueryable<T> query, AppDbContext db, string[] columns, Action<DbDataReader, int[]> row, CancellationToken ct)
    {
        await using var command = query.CreateDbCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var open = command.Connection!.State == ConnectionState.Open;
        if (!open) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleResult, ct);
            var ordinals = columns.Select(reader.GetOrdinal).ToArray();
            while (await reader.ReadAsync(ct)) row(reader, ordinals);
        }
        finally
        {
            if (!open) await db.Database.CloseConnectionAsync();
        }
    }

    /// The model's conversion from the stored value of a property (FieldCrypto's decryption for a sealed column).
    public static Func<object, object?> FromStore<TEntity>(AppDbContext db, string property)
    {
        var p = db.Model.FindEntityType(typeof(TEntity))?.FindProperty(property)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{property} is not in the model.");
        return p.GetTypeMapping().Converter is { } c ? c.ConvertFromProvider : v => v;
    }
}
