using KnowledgeBase.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace KnowledgeBase.Reading;

/// <summary>Parses a YAML text into its root mapping, turning parser failures into located diagnostics.</summary>
public static class YamlDocumentLoader
{
    /// <param name="lineOffset">Added to YAML line numbers so they point into the whole file.</param>
    /// <param name="allowEmpty">An empty text (or only comments) gives an empty map instead of an error.</param>
    public static YamlMappingNode? LoadMapping(string yaml, string file, int lineOffset, ICollection<Diagnostic> diagnostics, bool allowEmpty = false)
    {
        var stream = new YamlStream();
        try
        {
            // Bounded first (size, depth, alias expansion, duplicate keys): building the tree recurses per level.
            var events = new List<ParsingEvent>();
            if (YamlLimits.Check(yaml, lineOffset, events) is { } problem)
            {
                diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, file, problem.Line + lineOffset, problem.Column, problem.Field, problem.Message));
                return null;
            }
            // The check read the whole text already: build the tree from its events instead of parsing it again.
            stream.Load(new RecordedEvents(events));
        }
        catch (YamlException e)
        {
            var message = Innermost(e).Message;
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, file, (int)e.Start.Line + lineOffset, (int)e.Start.Column, "",
                $"YAML syntax error: {message}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way when the text ends inside an open flow collection or quote.
            var lastLine = yaml.Count(c => c == '\n');
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, file, lastLine + lineOffset, 0, "",
                "YAML syntax error: the front matter ends inside an unclosed '[', '{' or quoted value"));
            return null;
        }
        catch (ArgumentException e)
        {
            // Duplicate keys in a mapping surface as a dictionary insertion failure without a position.
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, file, lineOffset, 0, "", $"YAML error: {e.Message}"));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            if (allowEmpty) return new YamlMappingNode();
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, file, lineOffset, 0, "", "the front matter is empty; expected fields such as title, date, severity and summary"));
            return null;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var node = stream.Documents[0].RootNode;
            diagnostics.Add(new Diagnostic(DiagnosticLevel.Error, file, (int)node.Start.Line + lineOffset, (int)node.Start.Column, "",
                $"the front matter must be a map of 'field: value' lines, found {FieldReader.Describe(node)}"));
            return null;
        }
        return root;
    }

    private static Exception Innermost(Exception e)
    {
        // YamlDotNet wraps the precise cause (e.g. "Duplicate key") in a generic outer message.
        var current = e;
        while (current.InnerException is YamlException inner) current = inner;
        return current;
    }
}
