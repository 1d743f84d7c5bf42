namespace Groundwork.Cli;

/// `tally` is the counting engine's own command; the app only hands it the arguments.
static class TallyEntry
{
    public static int Run(string[] args) => Groundwork.Tally.TallyCommand.Run(args, Console.Out, Console.Error);
}
