using System.Text.Json;
using KnowledgeBase.Tests.Site;

namespace KnowledgeBase.Tests.Authoring;

public sealed class CheckCommandTests : IDisposable
{
    private const string Blaming = """
        ---
        title: Queue backlog
        date: 2024-03-14
        severity: SEV3
        summary: Orders waited 20 minutes.
        actions:
          - title: Improve monitoring
            owner: Team Orders
            due: 2024-04-01
        ---
        ## Summary

        The consumer was slow because Bob forgot to scale it.
        """;

    private readonly TempDir _dir = new();
    private readonly string _input;

    public CheckCommandTests() => _input = Path.Combine(_dir.Path, "input");

    public void Dispose() => _dir.Dispose();

    private void Write(string relative, string text) => _dir.Write(Path.Combine("input", relative), text.Replace("\r\n", "\n"));

    private (int Code, string Stdout, string Stderr) Check(params string[] extra) =>
        BuiltSite.Run(["check", "--input", _input, .. extra.Contains("--as-of") ? extra : ["--as-of", "2024-03-20", .. extra]]);

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

    [Fact]
    public void Text_lists_each_finding_with_location_field_rule_and_suggestion_then_a_summary()
    {
        Write("postmortems/2024/a.md", Blaming);
        var (code, stdout, stderr) = Check();
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Equal(
        [
            $"{_input}/postmortems/2024/a.md:7:12: warning [actions[0].title]: vague-action: vague action \"Improve monitoring\": \"Improve monitoring\" names an area but not the change, so no one can tell when it is done",
            "    suggestion: Name the change and a measurable end state, e.g. \"Alert when disk usage on any database host stays above 80% for 10 minutes\".",
            $"{_input}/postmortems/2024/a.md:13:35: warning [body]: blameless: \"forgot\" blames a lapse of memory: in a blameless review the cause is a gap in the system, not a person",
            "    suggestion: Describe the safeguard that was missing, e.g. \"the release checklist had no step for rotating the key\" or \"nothing reminded the on-call to renew it\".",
            "0 errors, 2 warnings in 1 post-mortem.",
        ], Lines(stdout));
    }

    [Fact]
    public void Github_prints_one_escaped_workflow_command_per_finding()
    {
        Write("postmortems/2024/a.md", Blaming);
        var (code, stdout, _) = Check("--format", "github");
        Assert.Equal(0, code);
        Assert.Equal(
        [
            $"::warning file={_input}/postmortems/2024/a.md,line=7,col=12,title=vague-action [actions[0].title]::vague action \"Improve monitoring\": \"Improve monitoring\" names an area but not the change, so no one can tell when it is done%0ASuggestion: Name the change and a measurable end state, e.g. \"Alert when disk usage on any database host stays above 80%25 for 10 minutes\".",
            $"::warning file={_input}/postmortems/2024/a.md,line=13,col=35,title=blameless [body]::\"forgot\" blames a lapse of memory: in a blameless review the cause is a gap in the system, not a person%0ASuggestion: Describe the safeguard that was missing, e.g. \"the release checklist had no step for rotating the key\" or \"nothing reminded the on-call to renew it\".",
            "0 errors, 2 warnings in 1 post-mortem.",
        ], Lines(stdout));
    }

    [Fact]
    public void Github_escapes_colons_and_commas_in_properties_and_reports_errors_as_errors()
    {
        Write("postmortems/2024/b:c,d.md", """
            ---
            title: Pool exhausted
            date: 2024-03-14
            severity: SEV3
            summary: Checkout failed for 5 minutes.
            id: bcd
            related: [nope]
            ---
            Body.
            """);
        var (code, stdout, _) = Check("--format", "github");
        Assert.Equal(1, code);
        Assert.Equal(
        [
            $"::error file={_input.Replace(":", "%3A").Replace(",", "%2C")}/postmortems/2024/b%3Ac%2Cd.md,line=7,col=11,title=kb [related[0]]::no post-mortem has the id 'nope'",
            "1 error, 0 warnings in 1 post-mortem.",
        ], Lines(stdout));
    }

    [Theory]
    [InlineData("100%\r\nnext", "100%25%0D%0Anext")]
    [InlineData("a:b,c", "a:b,c")]
    public void Github_message_escaping(string message, string expected) =>
        Assert.Equal(expected, Cli.Console.CheckGithubWriter.EscapeData(message));

    [Theory]
    [InlineData("input/postmortems/a:b,c%.md", "input/postmortems/a%3Ab%2Cc%25.md")]
    [InlineData("line\nbreak", "line%0Abreak")]
    public void Github_property_escaping(string value, string expected) =>
        Assert.Equal(expected, Cli.Console.CheckGithubWriter.EscapeProperty(value));

    [Fact]
    public void Json_has_the_documented_stable_shape()
    {
        Write("postmortems/2024/a.md", Blaming);
        var (code, stdout, _) = Check("--format", "json", "--as-of", "2024-04-10");
        Assert.Equal(0, code);
        var expected = $$"""
            {
              "version": 1,
              "input": "{{_input}}",
              "as_of": "2024-04-10",
              "strict": false,
              "summary": {
                "files": 1,
                "errors": 0,
                "warnings": 2,
                "overdue_actions": 1
              },
              "findings": [
                {
                  "level": "warning",
                  "rule": "vague-action",
                  "file": "{{_input}}/postmortems/2024/a.md",
                  "line": 7,
                  "column": 12,
                  "field": "actions[0].title",
                  "message": "vague action \"Improve monitoring\": \"Improve monitoring\" names an area but not the change, so no one can tell when it is done",
                  "suggestion": "Name the change and a measurable end state, e.g. \"Alert when disk usage on any database host stays above 80% for 10 minutes\"."
                },
                {
                  "level": "warning",
                  "rule": "blameless",
                  "file": "{{_input}}/postmortems/2024/a.md",
                  "line": 13,
                  "column": 35,
                  "field": "body",
                  "message": "\"forgot\" blames a lapse of memory: in a blameless review the cause is a gap in the system, not a person",
                  "suggestion": "Describe the safeguard that was missing, e.g. \"the release checklist had no step for rotating the key\" or \"nothing reminded the on-call to renew it\"."
                }
              ],
              "overdue": [
                {
                  "owner": "Team Orders",
                  "actions": [
                    {
                      "file": "{{_input}}/postmortems/2024/a.md",
                      "line": 7,
                      "column": 5,
                      "field": "actions[0]",
                      "incident": "a",
                      "title": "Improve monitoring",
                      "due": "2024-04-01",
                      "status": "open",
                      "days_overdue": 9
                    }
                  ]
                }
              ]
            }
            """;
        Assert.Equal(expected.Replace("\r\n", "\n"), stdout.Replace("\r\n", "\n").TrimEnd('\n'));
    }

    [Fact]
    public void Json_keeps_non_ascii_text_readable_and_nulls_unknown_positions()
    {
        Write("site.yml", "title: T\nsevertities: []\n");
        Write("postmortems/2024/ru.md", "---\ntitle: Сбой\ndate: 2024-03-14\nseverity: SEV3\nsummary: Сбой оплаты.\nlang: ru\n---\nИнженер забыл продлить ключ.\n");
        var (_, stdout, _) = Check("--format", "json");
        using var doc = JsonDocument.Parse(stdout);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("rule").GetString() == "blameless" && f.GetProperty("message").GetString()!.Contains("\"забыл\""));
        Assert.Contains("забыл", stdout);
        var setting = Assert.Single(findings, f => f.GetProperty("file").GetString()!.EndsWith("site.yml"));
        Assert.Equal("validation", setting.GetProperty("rule").GetString());
        Assert.Equal(JsonValueKind.Null, setting.GetProperty("suggestion").ValueKind);
    }

    [Fact]
    public void Strict_turns_warnings_into_errors_and_exits_1()
    {
        Write("postmortems/2024/a.md", Blaming);
        var (code, stdout, _) = Check("--strict");
        Assert.Equal(1, code);
        Assert.Contains(": error [body]: blameless:", stdout);
        Assert.EndsWith("2 errors, 0 warnings in 1 post-mortem.", stdout.TrimEnd());
    }

    [Fact]
    public void A_clean_knowledge_base_exits_0_and_says_so()
    {
        Write("postmortems/2024/ok.md", "---\ntitle: Fine\ndate: 2024-03-14\nseverity: SEV3\nsummary: Nothing to see.\n---\nThe alert fired within a minute.\n");
        var (code, stdout, _) = Check();
        Assert.Equal(0, code);
        Assert.Equal("No problems in 1 post-mortem.", stdout.Trim());
    }

    [Fact]
    public void Every_validation_of_build_is_reported_and_nothing_is_written()
    {
        Write("postmortems/2024/a.md", "---\ntitle: A\ndate: 2024-03-14\nseverity: SEV9\nsummary: S.\nrelated: [missing-one]\n---\nBody.\n");
        var (code, stdout, _) = Check();
        Assert.Equal(1, code);
        Assert.Contains($"{_input}/postmortems/2024/a.md:4:11: error [severity]: expected one of SEV1, SEV2, SEV3, SEV4, found 'SEV9'", stdout);
        Assert.Contains($"{_input}/postmortems/2024/a.md:6:11: error [related[0]]: no post-mortem has the id 'missing-one'", stdout);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "output")));
        Assert.Equal([Path.Combine(_dir.Path, "input")], Directory.GetDirectories(_dir.Path));
    }

    [Fact]
    public void Links_between_post_mortems_are_checked_in_the_body_too_drafts_included()
    {
        Write("postmortems/2024/a.md", "---\ntitle: A\ndate: 2024-03-14\nseverity: SEV3\nsummary: S.\nstatus: draft\n---\nSee [the earlier outage](../2023/gone.md) and [b](b.md).\n");
        Write("postmortems/2024/b.md", "---\ntitle: B\ndate: 2024-03-14\nseverity: SEV3\nsummary: S.\n---\nBody.\n");
        var (code, stdout, _) = Check();
        Assert.Equal(1, code);
        Assert.Contains($"{_input}/postmortems/2024/a.md:8:5: error [body]: link to '../2023/gone.md' does not match any post-mortem file under postmortems/", stdout);
        Assert.DoesNotContain("b.md'", stdout);
    }

    [Fact]
    public void Overdue_actions_are_listed_per_owner_without_failing_the_check()
    {
        Write("postmortems/2024/a.md", "---\ntitle: A\ndate: 2024-03-14\nseverity: SEV3\nsummary: S.\nactions:\n  - title: Add a WAL size alert at 50 GB\n    owner: SRE\n    due: 2024-03-31\n  - title: Drop unused replication slots weekly by cron\n    owner: Team Database\n    due: 2024-04-15\n    status: in-progress\n  - title: Document slot ownership in the runbook\n    owner: sre\n    due: 2024-03-15\n    status: done\n---\nBody.\n");
        var (code, stdout, _) = Check("--as-of", "2024-05-01");
        Assert.Equal(0, code);
        Assert.Equal(
        [
            "Overdue actions by owner (as of 2024-05-01):",
            "  SRE (1)",
            $"    {_input}/postmortems/2024/a.md:7:5: \"Add a WAL size alert at 50 GB\" due 2024-03-31, 31 days overdue",
            "  Team Database (1)",
            $"    {_input}/postmortems/2024/a.md:10:5: \"Drop unused replication slots weekly by cron\" due 2024-04-15, 16 days overdue",
            "No problems in 1 post-mortem; 2 overdue actions.",
        ], Lines(stdout));
    }

    [Fact]
    public void Settings_of_site_yml_set_the_due_limits()
    {
        Write("site.yml", "action_due_limits: {SEV3: 7}\n");
        Write("postmortems/2024/a.md", "---\ntitle: A\ndate: 2024-03-14\nseverity: SEV3\nsummary: S.\nactions:\n  - title: Add a WAL size alert at 50 GB\n    owner: SRE\n    due: 2024-03-31\n---\nBody.\n");
        var (_, stdout, _) = Check();
        Assert.Contains("[actions[0].due]: action-due:", stdout);
        Assert.Contains("SEV3 actions should be due within 7 days (by 2024-03-21)", stdout);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--as-of", "2024-13-01")]
    [InlineData("--nonsense")]
    public void Usage_errors_exit_2_without_a_stack_trace(params string[] args)
    {
        var (code, _, stderr) = Check(args);
        Assert.Equal(2, code);
        Assert.NotEmpty(stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void A_missing_input_folder_exits_1()
    {
        var (code, stdout, _) = BuiltSite.Run(["check", "--input", Path.Combine(_dir.Path, "nope")]);
        Assert.Equal(1, code);
        Assert.StartsWith($"kb: error: the input folder '{Path.Combine(_dir.Path, "nope")}' does not exist", stdout);
    }

    [Fact]
    public void The_sample_knowledge_base_has_no_errors()
    {
        var (code, stdout, _) = BuiltSite.Run(["check", "--input", Site.RepoPaths.SampleInput, "--as-of", "2026-11-23", "--format", "json"]);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(0, doc.RootElement.GetProperty("summary").GetProperty("errors").GetInt32());
        Assert.DoesNotContain(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() is "blameless" or "vague-action" or "placeholder");
    }

    [Fact]
    public void A_body_nested_past_markdigs_limits_is_a_located_error_not_a_crash()
    {
        var deep = string.Concat(Enumerable.Repeat("*a ", 10_000)) + string.Concat(Enumerable.Repeat("b* ", 10_000));
        Write("postmortems/2024/a.md", Blaming.Replace("The consumer was slow because Bob forgot to scale it.", deep));
        var (code, stdout, stderr) = Check();
        Assert.Equal(1, code);
        Assert.DoesNotContain("internal error", stderr);
        Assert.Contains("postmortems/2024/a.md:11:1: error [body]: the Markdown is nested too deeply", stdout);
    }
}

public sealed class CheckGithubGroupTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Overdue_actions_go_into_a_log_group_whose_lines_cannot_start_commands()
    {
        _dir.Write("input/postmortems/2024/a.md", "---\ntitle: A\ndate: 2024-03-14\nseverity: SEV3\nsummary: S.\nactions:\n  - title: \"Cut p99 by 30%\\n::error::injected\"\n    owner: SRE\n    due: 2024-03-31\n---\nBody.\n");
        var input = Path.Combine(_dir.Path, "input");
        var (code, stdout, _) = BuiltSite.Run(["check", "--input", input, "--format", "github", "--as-of", "2024-04-10"]);
        Assert.Equal(0, code);
        Assert.Equal(
        [
            "::group::Overdue actions by owner (as of 2024-04-10): 1",
            "1 overdue for SRE:",
            $"  - {input}/postmortems/2024/a.md:7:5: \"Cut p99 by 30% ::error::injected\" due 2024-03-31, 10 days overdue",
            "::endgroup::",
            "No problems in 1 post-mortem; 1 overdue action.",
        ], stdout.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'));
    }
}
