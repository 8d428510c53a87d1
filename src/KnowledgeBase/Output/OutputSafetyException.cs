namespace KnowledgeBase.Output;

/// <summary>The output location is unsafe to replace (it holds the input, or files kb did not write, or another build is writing it).</summary>
public sealed class OutputSafetyException(string message) : Exception(message);
