using System.Diagnostics;

namespace Groundwork.Cli;

/// `tally` is the counting engine's own command; the app only hands it the arguments. A published app carries
/// the native build of the command beside it (`groundwork-tally`, Native AOT: no runtime start, no JIT), and
/// runs that; without it (`dotnet run`, a plain build) the same command runs in this process.
static class TallyEntry
{
    public static int Run(string[] args)
    {
        var native = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "groundwork-tally.exe" : "groundwork-tally");
        if (!File.Exists(native)) return Groundwork.Tally.TallyCommand.Run(args, Console.Out, Console.Error);
        var start = new ProcessStartInfo(native) { UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // Copied without its execute bit, or built for another machine: count here instead.
            Console.Error.WriteLine($"tally: {native} could not be started ({e.Message}); counting in this process");
            return Groundwork.Tally.TallyCommand.Run(args, Console.Out, Console.Error);
        }
    }
}
