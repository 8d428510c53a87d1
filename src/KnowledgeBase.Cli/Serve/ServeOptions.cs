namespace KnowledgeBase.Cli.Serve;

/// <summary>How <c>kb serve</c> runs: where it listens and what it previews.</summary>
public sealed record ServeOptions
{
    public required string InputDir { get; init; }
    /// <summary>0 picks a free port (tests); the address actually bound is <see cref="LiveServer.Address"/>.</summary>
    public int Port { get; init; } = 5080;
    public IReadOnlyList<string> ThemeDirs { get; init; } = [];
    public DateOnly? AsOf { get; init; }
    public bool IncludeDrafts { get; init; } = true;
    /// <summary>Preview the public site (see <c>LiveSiteOptions.Public</c>).</summary>
    public bool Public { get; init; }
    /// <summary>How long the watcher waits for an editor's save burst to end before updating.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(30);
}

/// <summary>A reason <c>kb serve</c> cannot start (port taken…), told to the user without a stack trace.</summary>
public sealed class ServeException(string message, Exception? inner = null) : Exception(message, inner);
