namespace Groundwork.Tally.Tests;

/// The shared real-election data lives beside the repository (../shared/testdata/elections). Tests find it by
/// walking up from the test binaries, and fail loudly when it is missing: a silent skip would let a broken
/// checkout pass.
static class StvTestData
{
    static readonly Lazy<string> root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "testdata", "elections"),
                                              Path.Combine(dir.FullName, "..", "shared", "testdata", "elections") })
                if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException(
            $"shared/testdata/elections not found above {AppContext.BaseDirectory}; clone the shared data beside the repository.");
    });

    public static string Root => root.Value;
    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);
}
