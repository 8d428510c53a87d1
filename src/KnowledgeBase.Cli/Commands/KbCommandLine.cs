using System.CommandLine;

namespace KnowledgeBase.Cli.Commands;

/// <summary>The <c>kb</c> command tree. Usage mistakes exit with 2 and a hint, never a stack trace.</summary>
public static class KbCommandLine
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("kb — builds a searchable static knowledge base from Markdown post-mortems.");
        root.Subcommands.Add(BuildCommand.Create(stdout, stderr));
        root.Subcommands.Add(CheckCommand.Create(stdout, stderr));
        root.Subcommands.Add(NewCommand.Create(stdout, stderr));
        root.Subcommands.Add(ServeCommand.Create(stdout, stderr));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"kb: {error.Message}");
            stderr.WriteLine("Run 'kb --help' for usage.");
            return ExitCodes.Usage;
        }
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }
}
