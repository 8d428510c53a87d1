using KnowledgeBase.Output;
using Xunit;

namespace KnowledgeBase.Tests.Unit;

/// <summary>The persisted build state: exact round trip, and anything off about the file makes it untrusted.</summary>
public sealed class BuildStateTests
{
    private static BuildState Sample() => new(new Dictionary<string, BuildState.Entry>(StringComparer.Ordinal)
    {
        ["index.html"] = new(BuildState.Hash("home"u8), 4, 638000000000000000),
        ["tags/база-данных/index.html"] = new(BuildState.Hash("tag"u8), 3, 638000000000000001),
    });

    [Fact]
    public void Serialized_state_parses_back_to_the_same_entries()
    {
        var parsed = BuildState.Parse(Sample().Serialize());

        Assert.NotNull(parsed);
        Assert.Equal(Sample().Files.OrderBy(kv => kv.Key, StringComparer.Ordinal), parsed.Files.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("edited path")]
    [InlineData("edited length")]
    [InlineData("other version")]
    [InlineData("empty")]
    [InlineData("no checksum")]
    public void A_damaged_state_is_rejected(string damage)
    {
        var text = Sample().Serialize();
        var damaged = damage switch
        {
            "truncated" => text[..(text.Length / 2)],
            "edited path" => text.Replace("\tindex.html", "\tindex.htm"),
            "edited length" => text.Replace("\t4\t", "\t5\t"),
            "other version" => text.Replace("kb-build-state 1", "kb-build-state 2"),
            "empty" => "",
            "no checksum" => text[..text.IndexOf("checksum", StringComparison.Ordinal)],
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };

        Assert.Null(BuildState.Parse(damaged));
    }

    [Theory]
    [InlineData("../outside.html")]
    [InlineData("/etc/passwd")]
    [InlineData("a/./b.html")]
    [InlineData("a//b.html")]
    public void A_state_naming_a_path_outside_the_site_is_rejected_even_with_a_valid_checksum(string path)
    {
        var state = new BuildState(new Dictionary<string, BuildState.Entry>(StringComparer.Ordinal)
        {
            [path] = new(BuildState.Hash("x"u8), 1, 1),
        });

        Assert.Null(BuildState.Parse(state.Serialize()));
    }

    [Fact]
    public void A_missing_state_file_loads_as_none()
    {
        using var dir = new UnitTempDir();
        Assert.Null(BuildState.TryLoad(dir.Combine(".out.kb-build-state")));
        Sample().Save(dir.Combine(".out.kb-build-state"));
        Assert.NotNull(BuildState.TryLoad(dir.Combine(".out.kb-build-state")));
        Assert.False(File.Exists(dir.Combine(".out.kb-build-state.tmp")));
    }
}
