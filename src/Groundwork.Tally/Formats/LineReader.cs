using System.Buffers;
using System.Text;

namespace Groundwork.Tally.Formats;

/// Reads lines of UTF-8 bytes into a reused buffer, so a file of any size streams through in constant memory
/// and nothing is decoded until a reader needs text (a name, a title): ballot lines are parsed as bytes. A line
/// longer than <see cref="MaxLine"/> (a binary file, or gigabytes without a newline) is an error rather than an
/// out-of-memory crash. A UTF-8 byte order mark at the start is skipped.
sealed class LineReader(Stream stream, string file) : IDisposable
{
    public const int MaxLine = 1 << 20;
    // Pooled, and 64 KB to start: counting hundreds of files in one process should not allocate (or put on the
    // large-object heap) a buffer per file. It grows only for long lines.
    byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    int pos, len;
    long bufferStart;                   // the stream offset of buffer[0]
    bool eof, started;

    /// Invalid UTF-8 becomes U+FFFD rather than an error: several councils' names are mojibake already.
    public static readonly UTF8Encoding Utf8 = new(false, false);

    public string File { get; } = file;
    public long LineNumber { get; private set; }

    /// The stream offset of the next line to be read.
    public long Offset => bufferStart + pos;

    /// Goes on reading at <paramref name="offset"/> (a line start), as if the <paramref name="lines"/> lines
    /// before it had been read: another reader has read them.
    public void SkipTo(long offset, long lines)
    {
        stream.Position = offset;
        bufferStart = offset;
        pos = len = 0;
        eof = false;
        started = true;
        LineNumber += lines;
    }

    /// A reader that starts at <paramref name="offset"/> of a seekable stream (a line start).
    public static LineReader At(Stream stream, string file, long offset)
    {
        var reader = new LineReader(stream, file);
        reader.SkipTo(offset, 0);
        return reader;
    }

    /// In-memory text (tests, callers holding a string): the same reader over its UTF-8 bytes.
    public static LineReader FromText(TextReader text, string file) => new(new MemoryStream(Utf8.GetBytes(text.ReadToEnd())), file);

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        int scanFrom = pos;
        while (true)
        {
            int nl = buffer.AsSpan(scanFrom, len - scanFrom).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                nl += scanFrom;
                LineNumber++;
                int end = nl > pos && buffer[nl - 1] == '\r' ? nl - 1 : nl;
                line = buffer.AsSpan(pos, end - pos);
                pos = nl + 1;
                return true;
            }
            if (eof)
            {
                if (pos == len) { line = default; return false; }
                LineNumber++;
                int end = buffer[len - 1] == '\r' ? len - 1 : len;
                line = buffer.AsSpan(pos, end - pos);
                pos = len;
                return true;
            }
            int pending = len - pos;
            if (pending >= MaxLine)
                throw new BallotFormatException(File, LineNumber + 1, $"line is longer than {MaxLine:N0} characters; this is not a ballot file");
            if (pos > 0)
            {
                Array.Copy(buffer, pos, buffer, 0, pending);
                bufferStart += pos;
                pos = 0;
                len = pending;
            }
            if (len == buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxLine + 1));
                Array.Copy(buffer, bigger, len);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }
            scanFrom = len;
            int read = stream.Read(buffer, len, buffer.Length - len);
            if (read == 0) eof = true;
            else len += read;
            if (!started && (len >= 3 || eof))
            {
                started = true;
                if (len >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) pos = scanFrom = 3;
            }
        }
    }

    public BallotFormatException Error(string problem) => new(File, LineNumber, problem);

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }
}

/// Byte-span helpers shared by the readers: ASCII trimming, whitespace tokens, decoding for messages.
static class Utf8Text
{
    public static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\v' or (byte)'\f';

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int a = 0, b = s.Length;
        while (a < b && IsSpace(s[a])) a++;
        while (b > a && IsSpace(s[b - 1])) b--;
        return s[a..b];
    }

    public static string Decode(ReadOnlySpan<byte> s) => LineReader.Utf8.GetString(s);

    public static string Clip(ReadOnlySpan<byte> t)
    {
        var s = Decode(t);
        return s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "…");
    }

    /// Whitespace-separated tokens of a span, without allocating.
    public ref struct Tokens(ReadOnlySpan<byte> s)
    {
        ReadOnlySpan<byte> rest = s;
        public bool Next(out ReadOnlySpan<byte> token)
        {
            int i = 0;
            while (i < rest.Length && IsSpace(rest[i])) i++;
            rest = rest[i..];
            if (rest.IsEmpty) { token = default; return false; }
            i = 0;
            while (i < rest.Length && !IsSpace(rest[i])) i++;
            token = rest[..i];
            rest = rest[i..];
            return true;
        }
    }
}
