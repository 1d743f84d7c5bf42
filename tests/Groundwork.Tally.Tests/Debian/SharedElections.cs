namespace Groundwork.Tally.Tests.Debian;

/// The shared real-election data lives beside the repository (../shared/testdata/elections). Tests walk up
/// from the test binary until they find it, and fail loudly rather than pass vacuously when it is missing.
internal static class SharedElections
{
    static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata", "elections");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"No shared/testdata/elections above {AppContext.BaseDirectory}; the real-election tests need ../shared next to the repository.");
    });

    public static string File(params string[] parts) => Path.Combine([Root.Value, .. parts]);
}
