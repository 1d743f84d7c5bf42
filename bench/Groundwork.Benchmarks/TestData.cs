namespace Groundwork.Benchmarks;

static class TestData
{
    /// shared/testdata/elections beside the repository, found by walking up from the working directory and
    /// from the binaries (BenchmarkDotNet runs each benchmark from a generated project elsewhere).
    public static string Elections { get; } = Find();

    static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var c in new[] { Path.Combine(dir.FullName, "shared", "testdata", "elections"), Path.Combine(dir.FullName, "..", "shared", "testdata", "elections") })
                    if (Directory.Exists(c)) return Path.GetFullPath(c);
            }
        }
        throw new DirectoryNotFoundException("shared/testdata/elections not found; run from the repository with shared/ beside it.");
    }
}
