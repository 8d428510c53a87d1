using KnowledgeBase.Cli.Commands;

namespace KnowledgeBase.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            return KbCommandLine.Run(args, System.Console.Out, System.Console.Error);
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("KB_DEBUG") is null)
        {
            // A bug in kb, not in the input: say so plainly; KB_DEBUG=1 shows the stack trace.
            System.Console.Error.WriteLine($"kb: internal error: {e.GetType().Name}: {e.Message}");
            System.Console.Error.WriteLine("This is a bug in kb. Run again with KB_DEBUG=1 for details, and report it.");
            return ExitCodes.InvalidInput;
        }
    }
}
