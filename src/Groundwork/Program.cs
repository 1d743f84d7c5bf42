using Groundwork;
using Groundwork.Cli;

// Commands run before any web host is built: `tally` must start fast, admin commands need no server.
if (args.Length > 0 && Commands.IsCommand(args[0]))
    return await Commands.RunAsync(args);

var app = AppHost.Build(args);
await AppHost.PrepareAsync(app);
await app.RunAsync();
return 0;

public partial class Program;
