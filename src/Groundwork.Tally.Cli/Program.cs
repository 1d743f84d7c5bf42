using System.Text;
using Groundwork.Tally;

var utf8 = new UTF8Encoding(false);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, 1 << 16);
using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
return TallyCommand.Run(args, stdout, stderr);
