using System.CommandLine;
using KnowledgeBase.Authoring;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// <c>kb new "Title"</c>: scaffolds <c>postmortems/&lt;yyyy&gt;/&lt;id&gt;.md</c> from the template of a language, with
/// every front-matter field and the conventional sections; what is left to write is marked <c>TODO:</c>.
/// Exit 0 written, 1 when the file or id exists (nothing is overwritten), 2 on usage errors.
/// </summary>
public static class NewCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var title = new Argument<string>("title") { Description = "The incident's headline, e.g. \"Checkout down after a certificate expired\"" };
        var lang = new Option<string?>("--lang", "-l") { Description = "Template language: en, ru, fr or de (default: default_lang of site.yml, else en)" };
        var severity = new Option<string?>("--severity", "-s") { Description = "SEV1 (worst) … SEV4 (default: the second-lowest of the site's list, SEV3)" };
        var id = new Option<string?>("--id") { Description = "Id and file name (default: derived from the title, Cyrillic transliterated)" };
        var date = new Option<string?>("--date") { Description = "Day the incident started, YYYY-MM-DD (default: today)" };
        var input = new Option<string>("--input", "-i") { Description = "Folder with postmortems/ and site.yml", DefaultValueFactory = _ => "input" };

        var command = new Command("new", "Create a new post-mortem from the template of a language.")
        {
            title, lang, severity, id, date, input,
        };
        command.SetAction(parse =>
        {
            if (!DateOption.TryRead(parse, date, stderr, out var day)) return ExitCodes.Usage;
            var inputDir = parse.GetValue(input)!;
            // Like kb build: a site's own themes/default/ (next to its input folder) may override the templates.
            var siteTheme = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(inputDir)) ?? ".", "themes", "default");
            try
            {
                var result = PostmortemScaffold.Create(new ScaffoldOptions
                {
                    InputDir = inputDir,
                    Title = parse.GetValue(title)!,
                    Language = parse.GetValue(lang),
                    Severity = parse.GetValue(severity),
                    Id = parse.GetValue(id),
                    Date = day,
                    ThemeDirs = Directory.Exists(siteTheme) ? [siteTheme] : [],
                });
                var shown = Path.Join(inputDir, result.RelativePath).Replace('\\', '/');
                stdout.WriteLine($"Created {shown} ({result.Severity}, {result.Language}, id {result.Id}).");
                stdout.WriteLine($"Fill in every 'TODO:'; 'kb check --input {inputDir}' lists those still open.");
                return ExitCodes.Ok;
            }
            catch (ScaffoldException e)
            {
                stderr.WriteLine($"kb: {e.Message}");
                return e.IsUsage ? ExitCodes.Usage : ExitCodes.InvalidInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"kb: could not write the post-mortem: {e.Message}");
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}
