namespace IsoDienTu.Engine.Definitions;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>A finding a process designer can act on: which element, where in the file, what to do, in both languages.</summary>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string Code,
    string? ElementId,
    int? Line,
    int? Column,
    string Message,
    string MessageVi)
{
    public override string ToString() =>
        $"{Severity} {Code}{(ElementId is null ? "" : $" [{ElementId}]")}{(Line is null ? "" : $" ({Line}:{Column})")}: {Message}";
}
