namespace Groundwork.Tally.Stv;

/// Equality of int sequences, looked up by span so that a ballot already seen allocates nothing.
/// FNV-style mixing per element: ballots are short runs of small integers, and this is several times cheaper
/// than HashCode.AddBytes while spreading them as well.
sealed class IntSequenceComparer : IEqualityComparer<int[]>, IAlternateEqualityComparer<ReadOnlySpan<int>, int[]>
{
    public static readonly IntSequenceComparer Instance = new();
    public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);
    public int GetHashCode(int[] obj) => Hash(obj);
    public bool Equals(ReadOnlySpan<int> alternate, int[] other) => alternate.SequenceEqual(other);
    public int GetHashCode(ReadOnlySpan<int> alternate) => Hash(alternate);
    public int[] Create(ReadOnlySpan<int> alternate) => alternate.ToArray();

    static int Hash(ReadOnlySpan<int> s)
    {
        ulong h = 0xcbf29ce484222325;
        foreach (int x in s) h = (h ^ (uint)x) * 0x100000001b3;
        h ^= h >> 29;
        h *= 0xbf58476d1ce4e5b9;
        return (int)(h ^ (h >> 32));
    }
}
