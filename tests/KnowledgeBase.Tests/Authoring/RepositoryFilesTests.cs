using System.Text.RegularExpressions;
using KnowledgeBase.Tests.Site;
using YamlDotNet.RepresentationModel;

namespace KnowledgeBase.Tests.Authoring;

/// <summary>The PR workflow, the Netlify deploy previews and the README's editor task fit what kb check prints.</summary>
public sealed class RepositoryFilesTests
{
    private static string Repo(string relative) => File.ReadAllText(Path.Combine(RepoPaths.Root, relative));

    [Fact]
    public void The_pull_request_workflow_checks_with_annotations_then_builds()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Repo(".github/workflows/postmortems.yml")));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.True(((YamlMappingNode)root["on"]).Children.ContainsKey("pull_request"));
        var steps = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)root["jobs"]).Children.Values.Single())["steps"]).Children.Cast<YamlMappingNode>().ToList();

        var dotnet = steps.Single(s => s.Children.TryGetValue("uses", out var u) && u.ToString().StartsWith("actions/setup-dotnet@"));
        Assert.StartsWith("10.", ((YamlMappingNode)dotnet["with"])["dotnet-version"].ToString());

        var runs = steps.Where(s => s.Children.ContainsKey("run")).Select(s => s["run"].ToString()).ToList();
        var check = runs.FindIndex(r => r.Contains(" check ") && r.Contains("--format github"));
        var build = runs.FindIndex(r => r.Contains(" build --input input --output output"));
        Assert.True(check >= 0 && build > check, string.Join("\n", runs));
    }

    [Fact]
    public void Netlify_builds_deploy_previews_with_drafts()
    {
        var toml = Repo("netlify.toml");
        var context = toml.IndexOf("[context.deploy-preview]", StringComparison.Ordinal);
        Assert.True(context > 0);
        var command = toml[context..].Split("\"\"\"")[1];
        Assert.Contains("-- build --input input --output output --drafts", command);
        Assert.Contains("DEPLOY_PRIME_URL", command);
    }

    [Fact]
    public void The_readme_task_problem_matcher_reads_kb_check_lines()
    {
        var readme = Repo("README.md");
        var pattern = Regex.Match(readme, "\"regexp\": \"(.+)\",").Groups[1].Value.Replace("\\\\", "\\");
        var matcher = new Regex(pattern);
        var m = matcher.Match("input/postmortems/2024/a.md:13:35: warning [actions[0].title]: blameless: \"forgot\" blames a lapse of memory");
        Assert.True(m.Success, pattern);
        Assert.Equal(("input/postmortems/2024/a.md", "13", "35", "warning", "blameless: \"forgot\" blames a lapse of memory"),
            (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[6].Value));
        Assert.Matches(matcher, "input/site.yml:3: error [base_url]: expected a path");
        Assert.Matches(matcher, "input/postmortems/2024/a.md:1:1: error: expected YAML front matter");
        Assert.DoesNotMatch(matcher, "    suggestion: Describe the safeguard that was missing.");
    }
}
