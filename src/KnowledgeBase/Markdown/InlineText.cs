using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KnowledgeBase.Markdown;

/// <summary>Plain text of Markdown nodes: what a heading or list item says, without markup.</summary>
public static class InlineText
{
    public static string Of(ContainerInline? inline)
    {
        if (inline is null) return "";
        var sb = new StringBuilder();
        Append(inline, sb);
        return sb.ToString().Trim();
    }

    public static void Append(Inline inline, StringBuilder sb)
    {
        switch (inline)
        {
            case LiteralInline literal:
                sb.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                sb.Append(code.Content);
                break;
            case LineBreakInline:
                sb.Append(' ');
                break;
            case AutolinkInline auto:
                sb.Append(auto.Url);
                break;
            case ContainerInline container:
                foreach (var child in container) Append(child, sb);
                break;
        }
    }

    /// <summary>Every text of a block tree, blocks separated by newlines (for search and word counts).</summary>
    public static void AppendBlock(Block block, StringBuilder sb)
    {
        switch (block)
        {
            case HtmlBlock html:
                // Raw HTML: its words, not its tags (nor script or style content).
                sb.Append(HtmlText.Of(html.Lines.ToString()));
                sb.Append('\n');
                break;
            case LeafBlock leaf when leaf.Inline is not null:
                Append(leaf.Inline, sb);
                sb.Append('\n');
                break;
            case LeafBlock leaf when leaf.Lines.Lines is not null:
                // Code blocks: their raw lines.
                sb.Append(leaf.Lines.ToString());
                sb.Append('\n');
                break;
            case ContainerBlock container:
                foreach (var child in container) AppendBlock(child, sb);
                break;
        }
    }
}
