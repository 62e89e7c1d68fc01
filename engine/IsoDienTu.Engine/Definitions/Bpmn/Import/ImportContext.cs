using System.Collections.Immutable;
using System.Xml.Linq;

namespace IsoDienTu.Engine.Definitions;

/// <summary>State of reading one process: findings, element locations, ids of elements left out of the model.</summary>
internal sealed class ImportContext(DefinitionsIndex index, bool isExecutable)
{
    private int _order;

    public DefinitionsIndex Index { get; } = index;
    public bool IsExecutable { get; } = isExecutable;
    public List<Diagnostic> Diagnostics { get; } = [];
    public ImmutableDictionary<string, (int Line, int Column)>.Builder Locations { get; } =
        ImmutableDictionary.CreateBuilder<string, (int Line, int Column)>(StringComparer.Ordinal);
    public ImmutableHashSet<string>.Builder Unsupported { get; } = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);

    public int NextOrder() => _order++;

    public void Locate(string id, XElement element) => Locations.TryAdd(id, BpmnXml.Location(element));

    public void Report(DiagnosticSeverity severity, string code, XElement element, string? id, string message, string messageVi)
    {
        var (line, column) = BpmnXml.Location(element);
        Diagnostics.Add(new Diagnostic(severity, code, id, line, column, message, messageVi));
    }

    /// <summary>Something the engine cannot execute: an error where the process is meant to run, a warning otherwise.</summary>
    public void ReportUnsupported(XElement element, string? ownerId, string what)
    {
        Report(
            IsExecutable ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
            DiagnosticCodes.Unsupported, element, ownerId,
            $"'{what}' is not supported by the engine{(ownerId is null ? "" : $" (element '{ownerId}')")}.",
            $"Phần tử “{what}”{(ownerId is null ? "" : $" (mã “{ownerId}”)")} chưa được công cụ xử lý quy trình hỗ trợ.");
    }
}
