namespace KnowledgeBase.Rendering;

/// <summary>A theme file is missing or broken (template syntax, i18n YAML); names the file and the cause.</summary>
public sealed class ThemeException(string message) : Exception(message);
