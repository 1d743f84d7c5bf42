using System.Security.Cryptography;
using Groundwork.Data;

namespace Groundwork.Tests.Data;

public sealed class SealedKeysTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), "gw-sealed-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_key_is_made_once_and_found_again_by_a_second_instance()
    {
        var a = new SealedKeys(dir).GetOrCreate("poll-1");
        Assert.Equal(32, a.Length);
        Assert.Equal(a, new SealedKeys(dir).GetOrCreate("poll-1"));
        Assert.Equal(a, new SealedKeys(dir).Find("poll-1"));
        Assert.NotEqual(a, new SealedKeys(dir).GetOrCreate("poll-2"));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "poll-1.key")));
    }

    [Fact]
    public void Concurrent_creators_all_get_the_same_key()
    {
        var keys = new SealedKeys(dir);
        var got = new byte[32][];
        Parallel.For(0, got.Length, i => got[i] = keys.GetOrCreate("pledge-9"));
        Assert.All(got, k => Assert.Equal(got[0], k));
    }

    [Fact]
    public void A_destroyed_key_is_gone_and_what_it_sealed_cannot_be_opened_with_a_new_one()
    {
        var keys = new SealedKeys(dir);
        var key = keys.GetOrCreate("pledge-3");
        var sealedValue = SealedKeys.Seal(key, "Ada Lovelace", "pledge-3/signer");
        Assert.True(keys.Destroy("pledge-3"));
        Assert.Null(keys.Find("pledge-3"));
        Assert.False(keys.Destroy("pledge-3"));
        Assert.False(File.Exists(Path.Combine(dir, "pledge-3.key")));
        var fresh = keys.GetOrCreate("pledge-3");
        Assert.Throws<AuthenticationTagMismatchException>(() => SealedKeys.Open(fresh, sealedValue, "pledge-3/signer"));
    }

    [Fact]
    public void Sealed_values_round_trip_are_bound_to_their_context_and_padded_to_one_size()
    {
        var key = new SealedKeys(dir).GetOrCreate("poll-4");
        var a = SealedKeys.Seal(key, "[1]", "poll-4/ballot");
        var b = SealedKeys.Seal(key, "[3,1,2,5,4]", "poll-4/ballot");
        Assert.Equal(a.Length, b.Length);
        Assert.NotEqual(SealedKeys.Seal(key, "[1]", "poll-4/ballot"), a); // a fresh nonce every time
        Assert.Equal("[3,1,2,5,4]", SealedKeys.Open(key, b, "poll-4/ballot"));
        Assert.Throws<AuthenticationTagMismatchException>(() => SealedKeys.Open(key, b, "poll-5/ballot"));
        Assert.DoesNotContain("3,1,2", b, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("Poll-1")]
    [InlineData("")]
    [InlineData("a/b")]
    public void Names_that_could_leave_the_folder_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => new SealedKeys(dir).GetOrCreate(name));
}
