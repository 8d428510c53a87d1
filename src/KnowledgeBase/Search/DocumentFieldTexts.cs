namespace KnowledgeBase.Search;

/// <summary>
/// The field texts of one search document (in <see cref="SearchIndexWriter.Fields"/> order), each made when it is read.
/// The index builder reads each field once, while it analyses that document; made up front, every document's body
/// would be alive as a string for the whole search stage (88 MiB at 10,000 post-mortems) instead of one per thread.
/// </summary>
internal sealed class DocumentFieldTexts(SearchDocument document) : IReadOnlyList<string?>
{
    public int Count => SearchIndexWriter.Fields.Count;

    public string? this[int index] => SearchIndexWriter.FieldText(document, index);

    public IEnumerator<string?> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
