using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Groundwork.Data;

/// A compiled query (EF.CompileAsyncQuery), one per model. Compiled, a query that runs on every request skips building
/// its LINQ expression and computing EF's query cache key each time (the same SQL, read fresh: nothing about the rows is
/// remembered). A compiled query is bound to one model, and each key ring has its own model (CryptoModelCacheKeyFactory:
/// the encrypted columns' converters hold the ring's keys), so a static one would not do: one per model, held weakly.
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    readonly ConditionalWeakTable<IModel, TQuery> compiled = new();

    // Held once, so a lookup on the hot path allocates no closure.
    readonly ConditionalWeakTable<IModel, TQuery>.CreateValueCallback create = _ => compile();

    public TQuery For(AppDbContext db) => compiled.GetValue(db.Model, create);
}
