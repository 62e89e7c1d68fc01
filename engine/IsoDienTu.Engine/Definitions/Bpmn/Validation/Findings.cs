using System.Collections.Immutable;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Collects a process's findings with their source locations. Rules on a process nobody runs only warn.</summary>
internal sealed class Findings(ProcessDefinition process, BpmnSourceMap source)
{
    private readonly ImmutableArray<Diagnostic>.Builder _items = ImmutableArray.CreateBuilder<Diagnostic>();

    public ProcessDefinition Process { get; } = process;
    public BpmnSourceMap Source { get; } = source;

    public void Error(string code, string? elementId, string message, string messageVi) =>
        Add(Process.IsExecutable ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, code, elementId, message, messageVi);

    public void Warning(string code, string? elementId, string message, string messageVi) =>
        Add(DiagnosticSeverity.Warning, code, elementId, message, messageVi);

    /// <summary>The node's name on one line (modellers wrap labels with line breaks), else its id.</summary>
    public static string Label(FlowNode node) => string.Join(' ', node.DisplayName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public ImmutableArray<Diagnostic> ToImmutable() => _items.ToImmutable();

    private void Add(DiagnosticSeverity severity, string code, string? elementId, string message, string messageVi)
    {
        var (line, column) = Source.Locate(elementId ?? Process.Key);
        _items.Add(new Diagnostic(severity, code, elementId ?? Process.Key, line, column, message, messageVi));
    }
}
