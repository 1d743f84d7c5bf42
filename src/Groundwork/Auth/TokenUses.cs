using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Groundwork.Data;
using Groundwork.Members;
using Groundwork.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;

namespace Groundwork.Auth;

/// Last-used times of tokens, gathered and written together: at most one UPDATE a second per node, whichever request
/// finds the second over writes what has gathered. Precision is a minute anyway (see <see cref="BearerTokenHandler"/>).
public sealed class TokenUses
{
    readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> due = new();
    long nextWrite;

    public async Task NoteAsync(AppDbContext db, int tokenId, DateTime now)
    {
        due.TryAdd(tokenId, 0);
        var tick = Environment.TickCount64;
        var next = Interlocked.Read(ref nextWrite);
        if (tick < next || Interlocked.CompareExchange(ref nextWrite, tick + 1000, next) != next) return;
        var ids = due.Keys.ToList();
        foreach (var id in ids) due.TryRemove(id, out _);
        // Other requests' stamps ride on this one: written whether or not this caller goes away meanwhile.
        foreach (var chunk in ids.Chunk(500))
            await db.ApiTokens.Where(t => chunk.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedUtc, now), CancellationToken.None);
    }
}
