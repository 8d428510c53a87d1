namespace KnowledgeBase.Output;

/// <summary>The output location is unsafe to replace (it holds the input, or files kb did not write).</summary>
public sealed class OutputSafetyException(string message) : Exception(message);
