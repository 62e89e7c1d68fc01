using System.Collections.Immutable;

namespace IsoDienTu.Engine.Definitions;

/// <summary>What an import produced: the source text (kept for a lossless export), the processes and every finding.</summary>
public sealed record BpmnModel(string SourceXml, ImmutableArray<ProcessDefinition> Processes, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The first executable process, else the only process, else null. A process without an
    /// <c>isExecutable</c> attribute counts as executable only when it is alone in its file (as Flowable reads it).</summary>
    public ProcessDefinition? Executable =>
        Processes.FirstOrDefault(p => p.IsExecutable) ?? (Processes.Length == 1 ? Processes[0] : null);
}
