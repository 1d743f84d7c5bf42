namespace Groundwork.Tally.Formats;

/// Reads lines into a reused buffer, so a file of any size streams through in constant memory, and a line
/// longer than <see cref="MaxLine"/> (a binary file, or gigabytes without a newline) is an error rather
/// than an out-of-memory crash.
sealed class LineReader(TextReader reader, string file) : IDisposable
{
    public const int MaxLine = 1 << 20;
    // Pooled, and 16K chars to start: counting hundreds of files in one process should not allocate (or put
    // on the large-object heap) a buffer per file. It grows only for long lines.
    char[] buffer = System.Buffers.ArrayPool<char>.Shared.Rent(1 << 14);
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
            if (len == buffer.Length)
            {
                var bigger = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Min(buffer.Length * 2, MaxLine + 1));
                Array.Copy(buffer, bigger, len);
                System.Buffers.ArrayPool<char>.Shared.Return(buffer);
                buffer = bigger;
            }
            scanFrom = len;
            int read = reader.Read(buffer, len, buffer.Length - len);
            if (read == 0) eof = true;
            else len += read;
        }
    }

    public BallotFormatException Error(string problem) => new(File, LineNumber, problem);

    public void Dispose()
    {
        System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        buffer = [];
    }
}
