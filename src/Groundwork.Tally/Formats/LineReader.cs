namespace Groundwork.Tally.Formats;

/// Reads lines into a reused buffer, so a file of any size streams through in constant memory, and a line
/// longer than <see cref="MaxLine"/> (a binary file, or gigabytes without a newline) is an error rather
/// than an out-of-memory crash.
sealed class LineReader(TextReader reader, string file)
{
    public const int MaxLine = 1 << 20;
    // 16K chars: small enough to stay off the large-object heap (each LOH allocation can cost a full
    // collection, which made counting hundreds of files in one process slow); grows only for long lines.
    char[] buffer = new char[1 << 14];
    int pos, len;
    bool eof;

    public string File { get; } = file;
    public long LineNumber { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        int scanFrom = pos;
        while (true)
        {
            int nl = Array.IndexOf(buffer, '\n', scanFrom, len - scanFrom);
            if (nl >= 0)
            {
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
                pos = 0;
                len = pending;
            }
            if (len == buffer.Length) Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLine + 1));
            scanFrom = len;
            int read = reader.Read(buffer, len, buffer.Length - len);
            if (read == 0) eof = true;
            else len += read;
        }
    }

    public BallotFormatException Error(string problem) => new(File, LineNumber, problem);
}
