using System.Runtime.CompilerServices;
using BenchmarkDotNet.Running;
using Groundwork.Tally;

namespace Groundwork.Benchmarks;

public static class Program
{
    // `Groundwork.Benchmarks tally …` runs the tally command itself, so the whole process can be timed
    // (hyperfine or time) without BenchmarkDotNet being loaded.
    public static int Main(string[] args) =>
        args.Length > 0 && args[0] == "tally" ? TallyCommand.Run(args, Console.Out, Console.Error)
        : args.Length > 0 && args[0] == "quick" ? Quick.Run()
        : args.Length > 0 && args[0] == "write-elections" ? ElectionFiles.Write(args[1..])
        : RunBenchmarks(args);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int RunBenchmarks(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
