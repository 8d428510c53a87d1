using System.Collections.Concurrent;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace KnowledgeBase.Rendering;

/// <summary>
/// Lets Liquid's <c>{% include 'x' %}</c> find <c>templates/x.liquid</c> through the theme overlay. Fluid asks for the
/// file on every include it executes (then finds the parsed template in its cache); a theme is loaded whole and
/// replaced whole (ThemeBundle), so each file is read once, not once per included table of every page.
/// </summary>
internal sealed class ThemeFileProvider(Theme theme) : IFileProvider
{
    private readonly ConcurrentDictionary<string, IFileInfo> _files = new(StringComparer.Ordinal);

    public IFileInfo GetFileInfo(string subpath) => _files.GetOrAdd(subpath, Read);

    private IFileInfo Read(string subpath)
    {
        var path = "templates/" + subpath.TrimStart('/');
        var text = theme.ReadText(path);
        return text is null ? new NotFoundFileInfo(subpath) : new TextFileInfo(subpath, text);
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private sealed class TextFileInfo(string name, string text) : IFileInfo
    {
        private readonly byte[] _bytes = System.Text.Encoding.UTF8.GetBytes(text);
        public bool Exists => true;
        public long Length => _bytes.Length;
        public string? PhysicalPath => null;
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public bool IsDirectory => false;
        public Stream CreateReadStream() => new MemoryStream(_bytes, writable: false);
    }
}
