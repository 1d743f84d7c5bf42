using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Groundwork.Data;
using Groundwork.Decisions;
using Groundwork.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Groundwork.Tests.Decisions;

/// The secret ballot's promises, checked the way an adversary would: copies of the database taken while the poll is
/// open and after it closed, and a recount of the published board by the `tally` command.
public sealed class SecretBallotTests
{
    // Enough voters for an order to show (and some members who do not vote, so the roll keeps rows).
    const int Members = 36;
    const int Voters = 30;

    sealed record Copy(Dictionary<string, byte[]> Raw, List<(long RowId, long Id, string PersonId)> Roll,
        List<(long RowId, long Id, string Sealed)> Box, List<(long RowId, long Id, string Tracker, string Content)> Board, Dictionary<string, string[]> Columns);

    [Fact]
    public async Task Copies_of_the_database_taken_while_open_and_after_close_link_no_ballot_to_a_voter()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var a = await f.AssemblyAsync(Members);
        var poll = await a.CreatePollAsync(new { kind = "Ranked", title = "Delegate to the congress", options = new[] { "Ada", "Bea", "Cy", "Dee" }, secret = true, method = "irv" });
        var ids = poll.Options.OrderBy(o => o.Position).Select(o => o.Id).ToArray();
        var entitled = new[] { a.Admin.Id }.Concat(a.Members.Select(m => m.Id)).ToList();
        Assert.Equal(entitled.Count, poll.EntitledCount);
        var opened = await CopyAsync(f, poll.Id);
        var trackers = new List<string>();
        var votingOrder = new List<string>();
        for (var i = 0; i < Voters; i++)
        {
            // Rankings of different lengths, so any size difference would show.
            int[] ranking = i % 3 == 0 ? [ids[i % 4]] : i % 3 == 1 ? [ids[(i + 1) % 4], ids[(i + 2) % 4]] : [ids[3], ids[2], ids[1], ids[0]];
            trackers.Add((await a.VoteOkAsync(a.Members[i], poll.Id, new { ranking }))!);
            votingOrder.Add(a.Members[i].Id);
        }
        var open = await CopyAsync(f, poll.Id);
        var key = f.Services.GetRequiredService<SealedKeys>().Find(PollKeys.Name(poll.Id));
        Assert.NotNull(key);

        // While open: the box holds one slot per entitled person, all ciphertext of one size (ballots and the padding of
        // empty slots alike), and neither trackers nor choices can be read anywhere.
        Assert.Equal(entitled.Count, open.Box.Count);
        Assert.Single(open.Box.Select(b => b.Sealed.Length).Distinct());
        Assert.Equal(opened.Box.Select(b => b.Sealed.Length).Distinct(), open.Box.Select(b => b.Sealed.Length).Distinct());
        Assert.All(open.Box, b => Assert.StartsWith("gs1:", b.Sealed, StringComparison.Ordinal));
        Assert.Empty(open.Board);
        foreach (var t in trackers) Assert.DoesNotContain(t, Text(open.Raw), StringComparison.Ordinal);
        Assert.DoesNotContain("\"o\":[", Text(open.Raw), StringComparison.Ordinal);
        // Nothing in the box names or dates a voter: its columns, and no person id in any of its values.
        Assert.Equal(["Id", "PollId", "Sealed"], open.Columns["SealedBallots"].Order());
        Assert.Equal(["Id", "PersonId", "PollId"], open.Columns["VoterRoll"].Order());
        foreach (var voter in votingOrder) Assert.DoesNotContain(open.Box, b => b.Sealed.Contains(voter, StringComparison.Ordinal));
        // The slots are the ones written at open: casting overwrote slots and appended none. SQLite overwrites in place (the
        // physical order is the order of open); PostgreSQL writes a new row version on the slot's own page (fillfactor).
        Assert.Equal(opened.Box.Select(b => b.Id).Order(), open.Box.Select(b => b.Id).Order());
        if (!GroundworkFactory.OnPostgres)
            Assert.Equal(opened.Box.OrderBy(b => b.RowId).Select(b => b.Id), open.Box.OrderBy(b => b.RowId).Select(b => b.Id));
        Assert.Equal(entitled.Count - Voters, open.Box.Count(b => opened.Box.Any(o => o.Id == b.Id && o.Sealed == b.Sealed)));
        // The roll: written at open in a random order, casting deletes one's row; what is left is exactly who has not
        // voted, in the order of open, so it holds no order of voting at all.
        Assert.Equal(entitled.Order(), opened.Roll.Select(r => r.PersonId).Order());
        Assert.Equal(entitled.Except(votingOrder).Order(), open.Roll.Select(r => r.PersonId).Order());
        Assert.Equal(opened.Roll.OrderBy(r => r.RowId).Select(r => r.PersonId).Where(p => !votingOrder.Contains(p)), open.Roll.OrderBy(r => r.RowId).Select(r => r.PersonId));
        Assert.NotEqual(entitled, opened.Roll.OrderBy(r => r.RowId).Select(r => r.PersonId).ToList());
        // The box's physical order, read with the key (which a copied database does not hold), against the order of voting:
        // not that order, and not correlated with it (Kendall's tau near 0; the order of voting would give 1).
        var boxTrackers = open.Box.OrderBy(b => b.RowId)
            .Select(b => JsonDocument.Parse(SealedKeys.Open(key!, b.Sealed, $"poll-{poll.Id}/ballot")).RootElement.GetProperty("T").GetString()!)
            .Where(t => t.Length > 0).ToList();
        Assert.Equal(trackers.Order(), boxTrackers.Order());
        Assert.NotEqual(trackers, boxTrackers);
        var boxTau = Tau([.. boxTrackers.Select(t => trackers.IndexOf(t))]);
        Assert.True(Math.Abs(boxTau) < 0.6, $"the box's order follows the order of voting: tau {boxTau:0.00}");

        await a.CloseAsync(poll.Id);
        var closed = await CopyAsync(f, poll.Id);

        // After close: the box is gone (and its ciphertexts with it), the key is destroyed, and the board has fresh ids.
        Assert.Empty(closed.Box);
        Assert.Null(f.Services.GetRequiredService<SealedKeys>().Find(PollKeys.Name(poll.Id)));
        Assert.Equal(Voters, closed.Board.Count);
        Assert.Empty(closed.Board.Select(b => b.Id).Intersect(open.Box.Select(b => b.Id)));
        foreach (var (file, bytes) in closed.Raw)
            foreach (var b in open.Box)
                Assert.False(Encoding.Latin1.GetString(bytes).Contains(b.Sealed[4..40], StringComparison.Ordinal),
                    $"{file} ({bytes.Length} bytes) still holds a sealed slot after close");
        Assert.Equal(["Content", "Id", "PollId", "Tracker", "Weight"], closed.Columns["PublishedBallots"].Order());
        // Every receipt is on the board once; the board's physical order is neither the order of voting nor the box's,
        // nor correlated with either.
        Assert.Equal(trackers.Order(), closed.Board.Select(b => b.Tracker).Order());
        var boardOrder = closed.Board.OrderBy(b => b.RowId).Select(b => b.Tracker).ToList();
        Assert.NotEqual(trackers, boardOrder);
        Assert.NotEqual(boxTrackers, boardOrder);
        var boardTau = Tau([.. boardOrder.Select(t => trackers.IndexOf(t))]);
        Assert.True(Math.Abs(boardTau) < 0.6, $"the board's order follows the order of voting: tau {boardTau:0.00}");
        var boardBoxTau = Tau([.. boardOrder.Select(t => boxTrackers.IndexOf(t))]);
        Assert.True(Math.Abs(boardBoxTau) < 0.6, $"the board's order follows the box's: tau {boardBoxTau:0.00}");
        foreach (var voter in votingOrder) Assert.DoesNotContain(closed.Board, b => b.Content.Contains(voter, StringComparison.Ordinal) || b.Tracker.Contains(voter, StringComparison.Ordinal));
        // The roll still says who did not vote (so who did: turnout), and nothing more.
        Assert.Equal(entitled.Except(votingOrder).Order(), closed.Roll.Select(r => r.PersonId).Order());
    }

    /// Kendall's tau of a sequence of ranks against 0, 1, 2 …: 1 when in order, -1 reversed, near 0 when unrelated.
    static double Tau(IReadOnlyList<int> ranks)
    {
        long concordant = 0, discordant = 0;
        for (var i = 0; i < ranks.Count; i++)
            for (var j = i + 1; j < ranks.Count; j++)
                if (ranks[i] < ranks[j]) concordant++;
                else discordant++;
        return (concordant - discordant) / (double)Math.Max(1, concordant + discordant);
    }

    static string Text(Dictionary<string, byte[]> raw) => string.Join("\n", raw.Values.Select(Encoding.Latin1.GetString));

    /// SQLite: the database file and its WAL copied as they are, then read as an attacker would (rowid is the physical
    /// order). PostgreSQL: pg_dump (COPY data comes out in heap order).
    static async Task<Copy> CopyAsync(GroundworkFactory f, int pollId)
    {
        if (GroundworkFactory.OnPostgres) return await DumpAsync(f, pollId);
        var dir = Path.Combine(f.DataDirectory, "copy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var raw = new Dictionary<string, byte[]>();
        foreach (var file in new[] { f.SqliteFile, f.SqliteFile + "-wal" }.Where(File.Exists))
        {
            await using var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var ms = new MemoryStream();
            await fs.CopyToAsync(ms);
            raw[Path.GetFileName(file)] = ms.ToArray();
            await File.WriteAllBytesAsync(Path.Combine(dir, Path.GetFileName(file)), ms.ToArray());
        }
        await using var c = new SqliteConnection($"Data Source={Path.Combine(dir, "groundwork.db")};Pooling=False");
        await c.OpenAsync();
        async Task<List<T>> Query<T>(string sql, Func<SqliteDataReader, T> row)
        {
            await using var cmd = c.CreateCommand();
#pragma warning disable CA2100 // the queries are this test's constants
            cmd.CommandText = sql;
#pragma warning restore CA2100
            cmd.Parameters.AddWithValue("$p", pollId);
            await using var r = await cmd.ExecuteReaderAsync();
            var list = new List<T>();
            while (await r.ReadAsync()) list.Add(row(r));
            return list;
        }
        var columns = new Dictionary<string, string[]>();
        foreach (var t in new[] { "VoterRoll", "SealedBallots", "PublishedBallots" })
            columns[t] = [.. await Query($"SELECT name FROM pragma_table_info('{t}') WHERE $p = $p", r => r.GetString(0))];
        return new Copy(raw,
            await Query("SELECT rowid, Id, PersonId FROM VoterRoll WHERE PollId = $p", r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2))),
            await Query("SELECT rowid, Id, Sealed FROM SealedBallots WHERE PollId = $p", r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2))),
            await Query("SELECT rowid, Id, Tracker, Content FROM PublishedBallots WHERE PollId = $p", r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3))),
            columns);
    }

    static async Task<Copy> DumpAsync(GroundworkFactory f, int pollId)
    {
        var cs = new NpgsqlConnectionStringBuilder(f.ConnectionString);
        var pgDump = File.Exists("/usr/lib/postgresql/15/bin/pg_dump") ? "/usr/lib/postgresql/15/bin/pg_dump" : "pg_dump";
        var psi = new ProcessStartInfo(pgDump) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", cs.Host ?? "localhost", "-p", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", cs.Username ?? "postgres", "-d", cs.Database!, "--no-owner", "--data-only" })
            psi.ArgumentList.Add(arg);
        using var p = Process.Start(psi)!;
        var dump = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, await p.StandardError.ReadToEndAsync());
        // COPY "public"."Table" ("A", "B") FROM stdin; rows tab-separated, in heap order, ended by \.
        List<string[]> Rows(string table, out string[] cols)
        {
            var start = dump.IndexOf($"COPY public.\"{table}\" (", StringComparison.Ordinal);
            Assert.True(start >= 0, $"no {table} in the dump");
            var header = dump[start..dump.IndexOf('\n', start)];
            cols = [.. header[(header.IndexOf('(') + 1)..header.IndexOf(')')].Split(", ").Select(x => x.Trim('"'))];
            var rows = new List<string[]>();
            foreach (var line in dump[(dump.IndexOf('\n', start) + 1)..].Split('\n'))
            {
                if (line == "\\.") break;
                rows.Add(line.Split('\t'));
            }
            return rows;
        }
        int At(string[] cols, string name) => Array.IndexOf(cols, name);
        var roll = Rows("VoterRoll", out var rc);
        var box = Rows("SealedBallots", out var bc);
        var board = Rows("PublishedBallots", out var pc);
        var poll = pollId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Copy(new() { ["pg_dump"] = Encoding.UTF8.GetBytes(dump) },
            [.. roll.Where(r => r[At(rc, "PollId")] == poll).Select((r, i) => ((long)i, long.Parse(r[At(rc, "Id")], System.Globalization.CultureInfo.InvariantCulture), r[At(rc, "PersonId")]))],
            [.. box.Where(r => r[At(bc, "PollId")] == poll).Select((r, i) => ((long)i, long.Parse(r[At(bc, "Id")], System.Globalization.CultureInfo.InvariantCulture), r[At(bc, "Sealed")]))],
            [.. board.Where(r => r[At(pc, "PollId")] == poll).Select((r, i) => ((long)i, long.Parse(r[At(pc, "Id")], System.Globalization.CultureInfo.InvariantCulture), r[At(pc, "Tracker")], r[At(pc, "Content")]))],
            new() { ["VoterRoll"] = rc, ["SealedBallots"] = bc, ["PublishedBallots"] = pc });
    }

    [Fact]
    public async Task An_election_from_nominations_to_the_stage_report_equals_what_tally_counts_on_the_downloaded_board()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var a = await f.AssemblyAsync(9);
        var election = await a.CreatePollAsync(new { kind = "Election", title = "Steering committee", seats = 2, method = "scottish-stv", secret = true });
        Assert.Equal(PollStatus.Scheduled, election.Status);
        var nominations = $"{a.Poll(election.Id)}/nominations";
        // Three stand themselves; one is nominated by another member and accepts; one declines.
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await a.Members[i].Api.PostJsonAsync(nominations, new { statement = $"Statement {i}" })).StatusCode);
        var byOther = await (await a.Members[0].Api.PostJsonAsync(nominations, new { nomineeId = a.Members[3].Id })).ReadAsync<NominationView>();
        Assert.Equal(NominationStatus.Pending, byOther.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await a.Members[1].Api.PostJsonAsync(nominations, new { nomineeId = a.Members[3].Id })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Members[0].Api.PostJsonAsync($"{nominations}/{byOther.Id}/answer", new { accept = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.Members[3].Api.PostJsonAsync($"{nominations}/{byOther.Id}/answer", new { accept = true, statement = "I accept" })).StatusCode);
        var declined = await (await a.Members[0].Api.PostJsonAsync(nominations, new { nomineeId = a.Members[4].Id })).ReadAsync<NominationView>();
        Assert.Equal(HttpStatusCode.OK, (await a.Members[4].Api.PostJsonAsync($"{nominations}/{declined.Id}/answer", new { accept = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.Admin.Api.PostAsync($"{a.Poll(election.Id)}/open", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await a.Members[5].Api.PostJsonAsync(nominations, new { })).StatusCode);

        var poll = await (await a.Members[0].Api.GetAsync(a.Poll(election.Id))).ReadAsync<PollView>();
        Assert.Equal(["Voter 1", "Voter 2", "Voter 3", "Voter 4"], poll.Options.OrderBy(o => o.Position).Select(o => o.Label));
        Assert.Contains(poll.Nominations, n => n.Name == "Voter 4" && n.Statement == "I accept" && n.Status == NominationStatus.Accepted);
        var c = poll.Options.OrderBy(o => o.Position).Select(o => o.Id).ToArray();
        int[][] rankings = [[c[0], c[1]], [c[0], c[2]], [c[0], c[1], c[2]], [c[0]], [c[1], c[0]], [c[2], c[3]], [c[3], c[2]], [c[2]], [c[1], c[3]]];
        var receipts = new List<(string Tracker, int[] Ranking)>();
        for (var i = 0; i < rankings.Length; i++)
            receipts.Add(((await a.VoteOkAsync(a.Members[i], election.Id, new { ranking = rankings[i] }))!, rankings[i]));
        var result = await a.CloseAsync(election.Id);
        Assert.Equal(2, result.Elected.Count);
        Assert.Contains("Voter 1", result.Elected);
        Assert.True(result.Stages.Count >= 2);
        Assert.NotNull(result.Quota);

        var board = await a.Members[8].Api.GetAsync($"{a.Poll(election.Id)}/board");
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        var path = Path.Combine(f.DataDirectory, "board.json");
        await File.WriteAllBytesAsync(path, await board.Content.ReadAsByteArrayAsync());
        using (var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path)))
        {
            var labels = poll.Options.ToDictionary(o => o.Id, o => o.Label);
            foreach (var (tracker, ranking) in receipts)
            {
                var mine = doc.RootElement.GetProperty("ballots").EnumerateArray().Single(b => b.GetProperty("tracker").GetString() == tracker);
                Assert.Equal(ranking.Select(id => labels[id]), mine.GetProperty("ranking").EnumerateArray().Select(x => x.GetString()));
            }
        }
        var stdout = new StringWriter();
        var exit = Groundwork.Tally.TallyCommand.Run(["--method", "scottish-stv", "--seed", poll.LotSeed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", path], stdout, new StringWriter());
        Assert.Equal(0, exit);
        Assert.Equal(result.Tally, PollCount.WithoutFile(stdout.ToString().Trim()));
        using var tally = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(result.Elected, tally.RootElement.GetProperty("elected").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(result.Stages.Count, tally.RootElement.GetProperty("stages").GetArrayLength());
    }
}
