using System.Text;
using Groundwork.Tally.Formats;
using Groundwork.Tally.Stv;

namespace Groundwork.Tally.Tests;

public sealed class FormatsTests
{
    static BallotReadResult Blt_(string text) => Blt.Read(new StringReader(text), "t.blt");

    [Fact]
    public void Blt_reads_withdrawn_equal_rankings_skips_quoted_party_names_and_the_title()
    {
        var read = Blt_("4 2\n-3\n3 1 2=4 0\n2 - 4 1 0\n3 1 2=4 0\n0\n\"Ann \"\"Lab\"\"\"\nBob (SNP)\n\"Cat\"\n\"Dan\"\n\"Ward 1 - Linn\"\n");
        Assert.Null(read.Error);
        var e = read.Election!;
        Assert.Equal(["Ann \"Lab\"", "Bob (SNP)", "Cat", "Dan"], e.Candidates);
        Assert.Equal("Ward 1 - Linn", e.Title);
        Assert.Equal(2, e.Seats);
        Assert.Equal([2], e.Withdrawn);
        Assert.Equal(2, e.Ballots.Count);          // identical lines merged
        Assert.Equal(6, e.Ballots[0].Weight);
        Assert.Equal([[0], [1, 3]], e.Ballots[0].Ranking);
        Assert.Equal([[], [3], [0]], e.Ballots[1].Ranking);
    }

    [Fact]
    public void Blt_write_then_read_gives_the_same_election()
    {
        var e = new Election(["A \"x\"", "B", "C"], 2, [new RankedBallot(5, [[0], [1, 2]]), new RankedBallot(1, [[], [2]]), RankedBallot.Strict(3, 2, 1, 0)])
        {
            Title = "Round \"trip\"",
            Withdrawn = new HashSet<int> { 1 },
        };
        var text = new StringWriter();
        Blt.Write(e, text);
        var back = Blt_(text.ToString()).Election!;
        Assert.Equal(e.Candidates, back.Candidates);
        Assert.Equal(e.Seats, back.Seats);
        Assert.Equal(e.Title, back.Title);
        Assert.Equal(e.Withdrawn, back.Withdrawn);
        Assert.Equal(e.Ballots.Select(b => (b.Weight, Show(b))), back.Ballots.Select(b => (b.Weight, Show(b))));
    }

    static string Show(RankedBallot b) => string.Join(" ", b.Ranking.Select(t => string.Join("=", t)));

    [Fact]
    public void Blt_tolerates_mojibake_a_missing_final_newline_and_names_only_in_comments()
    {
        var bytes = Encoding.UTF8.GetBytes("2 1\n1 1 0\n0\n\"Ren").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("e\"\n\"B\"\nTitle")).ToArray();
        var read = Blt.Read(new MemoryStream(bytes), "m.blt");
        Assert.Null(read.Error);
        Assert.Equal("Title", read.Election!.Title);
        Assert.Contains('\uFFFD', read.Election.Candidates[0]);

        var linn = Blt.Read(StvTestData.Path_("loomio_published_counts", "scotelex_glasgow_2007_linn.blt"));
        Assert.Null(linn.Error);
        Assert.Equal("Esme H Clark (Con)", linn.Election!.Candidates[0]);
        Assert.Equal("Linn", linn.Election.Title);
    }

    [Theory]
    [InlineData("3 1\n1 1 0\n0\n\"A\"\n\"B\"\n\"C\"\n", 0, null)]
    [InlineData("3 1\n1 1 0\n2 0 0\n0\n\"A\"\n\"B\"\n\"C\"\n", 3, "after the 0 that ends the ballot")]
    [InlineData("3 1\n1 1 0\n2 1 99 0\n0\n\"A\"\n\"B\"\n\"C\"\n", 3, "ballot names candidate 99, but candidates are numbered 1 … 3")]
    [InlineData("3 1\n1 1 0\n2 1 2\n0\n\"A\"\n\"B\"\n\"C\"\n", 3, "does not end with 0")]
    [InlineData("3 1\n-2 1 0\n0\n\"A\"\n\"B\"\n\"C\"\n", 2, "must be -1 … -3")]
    [InlineData("3 1\n1 1 0\n-2 1 0\n0\n\"A\"\n\"B\"\n\"C\"\n", 3, "ballot count -2 is negative")]
    [InlineData("3 1\n1 1 0\nx 1 0\n0\n\"A\"\n\"B\"\n\"C\"\n", 3, "ballot count \"x\" is not a whole number")]
    [InlineData("3 1\n1 1 0\n1 one 0\n0\n\"A\"\n\"B\"\n\"C\"\n", 3, "preference \"one\" is not a whole number")]
    [InlineData("3 1\n1 1 0\n2 2 3 0\n", 3, "file ends before the line \"0\"")]
    [InlineData("3 1\n1 1 0\n0\n\"A\"\n", 4, "expected 3 candidate names after the ballots, found 1")]
    [InlineData("three 1\n", 1, "number of candidates \"three\" is not a whole number")]
    [InlineData("", 0, "file is empty")]
    [InlineData("3 4\n0\n\"A\"\n\"B\"\n\"C\"\n", 1, "4 seats but only 3 candidates")]
    [InlineData("3 1\n99999999999999999999 1 0\n0\n\"A\"\n\"B\"\n\"C\"\n", 2, "is not a whole number")]
    [InlineData("3 1\n900000000 1 0\n900000000 2 0\n0\n\"A\"\n\"B\"\n\"C\"\n", 3, "more than 1,000,000,000 ballots")]
    public void Malformed_blt_gives_a_clear_error_with_the_line(string text, int line, string? problem)
    {
        var read = Blt_(text);
        if (problem is null) { Assert.Null(read.Error); return; }
        Assert.NotNull(read.Error);
        Assert.Equal("t.blt", read.Error.File);
        Assert.Equal(line, read.Error.Line);
        Assert.Contains(problem, read.Error.Message, StringComparison.Ordinal);
        Assert.StartsWith(line > 0 ? $"t.blt:{line}: " : "t.blt: ", read.Error.Message, StringComparison.Ordinal);
    }

    // A 2 GB file must not be read into memory: a stream that produces 2 GB on demand (never stored) is
    // rejected after the first megabyte of a line without a newline.
    [Fact]
    public void A_2GB_file_without_newlines_is_rejected_after_reading_only_a_megabyte()
    {
        var huge = new GeneratedStream(2L << 30, "3 1\n", (byte)'7');
        var read = Blt.Read(huge, "huge.blt");
        Assert.NotNull(read.Error);
        Assert.Equal(2, read.Error.Line);
        Assert.Contains("longer than", read.Error.Message, StringComparison.Ordinal);
        Assert.True(huge.Position < 4L << 20, $"read {huge.Position:N0} bytes");
    }

    [Fact]
    public void A_long_stream_of_ballots_is_merged_as_it_is_read()
    {
        // 8 MB of ballot lines (a million ballots) streamed through: nothing is allocated per line, and memory
        // holds only the two distinct ballots.
        const string line = "1 1 2 3 0\n1 2 3 0\n";
        var stream = new GeneratedStream(8L << 20, "3 2\n", line, "0\n\"A\"\n\"B\"\n\"C\"\n");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var read = Blt.Read(stream, "long.blt");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Null(read.Error);
        Assert.Equal(2, read.Election!.Ballots.Count);
        Assert.Equal(stream.BodyRepeats, read.Election.Ballots.Sum(b => b.Weight));
        Assert.True(allocated < 2L << 20, $"allocated {allocated:N0} bytes for 8 MB of input");
        Assert.Equal(2, ScottishStv.Count(read.Election).Elected.Count);
    }

    [Fact]
    public void Ranked_csv_reads_labels_quotes_and_merges_rows()
    {
        var text = "count,choice1,choice2,choice3\n3,\"STROUD, JR.\",undervote,B\n2,overvote,B,UWI\n1,\"STROUD, JR.\",undervote,B\n4,undervote,undervote,undervote\n";
        var read = RankedCsv.Read(new StringReader(text), "r.csv", ["B"]);
        Assert.Null(read.Error);
        var e = read.Election!;
        Assert.Equal(["B", "STROUD, JR.", RankedCsv.UndeclaredWriteIns], e.Candidates);
        Assert.Equal(2, e.UndeclaredWriteIn);
        Assert.Equal(3, e.Ballots.Count);
        Assert.Equal(4, e.Ballots[0].Weight);
        Assert.Equal([[1], [], [0]], e.Ballots[0].Ranking);
        Assert.Equal([[RankedBallot.Overvote], [0], [2]], e.Ballots[1].Ranking);
    }

    [Theory]
    [InlineData("count,choice1\n-1,A\n", 2, "negative")]
    [InlineData("count,choice1\nx,A\n", 2, "not a whole number")]
    [InlineData("count,choice1\n1,\"A\n", 2, "not closed")]
    [InlineData("name,choice1\n1,A\n", 1, "expected a header")]
    public void Malformed_csv_gives_a_clear_error_with_the_line(string text, int line, string problem)
    {
        var read = RankedCsv.Read(new StringReader(text), "r.csv");
        Assert.NotNull(read.Error);
        Assert.Equal(line, read.Error.Line);
        Assert.Contains(problem, read.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_ballots_follow_the_documented_schema()
    {
        var json = """
            {"title":"Board","seats":2,"candidates":["Alice","Bob","Carol"],"withdrawn":["Carol"],
             "ballots":[{"count":3,"ranking":["Alice","Bob"]},{"ranking":[["Alice","Bob"],"Carol"]},{"count":2,"ranking":["Bob",null,"Alice"]}]}
            """;
        var read = JsonBallots.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "b.json");
        Assert.Null(read.Error);
        var e = read.Election!;
        Assert.Equal("Board", e.Title);
        Assert.Equal(2, e.Seats);
        Assert.Equal([2], e.Withdrawn);
        Assert.Equal(1, e.Ballots[1].Weight);
        Assert.Equal([[0, 1], [2]], e.Ballots[1].Ranking);
        Assert.Equal([[1], [], [0]], e.Ballots[2].Ranking);
    }

    [Theory]
    [InlineData("{\"candidates\":[\"A\"],\"ballots\":[{\"ranking\":[\"Z\"]}]}", "ballots[0].ranking names \"Z\"")]
    [InlineData("{\"candidates\":[\"A\"],\"ballots\":[{\"count\":-1,\"ranking\":[\"A\"]}]}", "ballots[0].count must be a whole number")]
    [InlineData("{\"candidates\":[\"A\"],\"seats\":2,\"ballots\":[]}", "\"seats\" must be a whole number from 1 to 1")]
    [InlineData("{\"candidates\":[\"A\"],\n\"ballots\":[", "b.json:2: not valid JSON")]
    [InlineData("[]", "expected an object")]
    public void Malformed_json_gives_a_clear_error(string json, string problem)
    {
        var read = JsonBallots.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "b.json");
        Assert.NotNull(read.Error);
        Assert.Contains(problem, read.Error.Message, StringComparison.Ordinal);
    }

    /// Produces head + body repeated up to a length + tail, without ever holding it.
    sealed class GeneratedStream : Stream
    {
        readonly byte[] head, body, tail;
        readonly long bodyBytes;
        long pos;

        public GeneratedStream(long length, string head, byte fill) : this(length, head, ((char)fill).ToString(), "") { }

        public GeneratedStream(long length, string head, string body, string tail = "")
        {
            this.head = Encoding.UTF8.GetBytes(head);
            this.body = Encoding.UTF8.GetBytes(body);
            this.tail = Encoding.UTF8.GetBytes(tail);
            BodyRepeats = body.Count(ch => ch == '\n') == 0 ? 0 : length / this.body.Length * body.Count(ch => ch == '\n');
            bodyBytes = length / this.body.Length * this.body.Length;
        }

        public long BodyRepeats { get; }
        long Total => head.Length + bodyBytes + tail.Length;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => Total;
        public override long Position { get => pos; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && pos < Total)
            {
                ReadOnlySpan<byte> from;
                if (pos < head.Length) from = head.AsSpan((int)pos);
                else if (pos < head.Length + bodyBytes)
                {
                    long inBody = pos - head.Length;
                    from = body.AsSpan((int)(inBody % body.Length));
                }
                else from = tail.AsSpan((int)(pos - head.Length - bodyBytes));
                int take = Math.Min(from.Length, count - n);
                from[..take].CopyTo(buffer.AsSpan(offset + n));
                n += take;
                pos += take;
            }
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
