namespace IsoDienTu.Engine.Definitions;

/// <summary>Flows that lead nowhere, boundaries on nothing, start and end events used the wrong way round.</summary>
internal static class StructureRules
{
    public static void Check(Findings findings)
    {
        var process = findings.Process;
        foreach (var flow in process.Flows.Values)
        {
            Endpoint(findings, flow, flow.SourceId, "source", "xuất phát từ");
            Endpoint(findings, flow, flow.TargetId, "target", "đi tới");
        }

        foreach (var node in process.Nodes.Values.OrderBy(n => n.Order))
        {
            switch (node)
            {
                case BoundaryEvent boundary when !process.Nodes.TryGetValue(boundary.AttachedToId, out var host) || host is not Activity:
                    if (!findings.Source.IsUnsupported(boundary.AttachedToId))
                    {
                        findings.Error(DiagnosticCodes.BoundaryHostMissing, node.Id,
                            $"Boundary event '{Findings.Label(node)}' is attached to '{boundary.AttachedToId}', which is not an activity of this process.",
                            $"Sự kiện biên “{Findings.Label(node)}” gắn vào “{boundary.AttachedToId}”, nhưng đó không phải là một bước (hoạt động) của quy trình.");
                    }
                    break;
                case StartEvent when !node.Incoming.IsEmpty:
                    findings.Error(DiagnosticCodes.StartWithIncoming, node.Id,
                        $"Start event '{Findings.Label(node)}' has an incoming sequence flow; a start event cannot be entered.",
                        $"Sự kiện bắt đầu “{Findings.Label(node)}” có luồng đi vào; sự kiện bắt đầu không được có luồng vào.");
                    break;
                case EndEvent when !node.Outgoing.IsEmpty:
                    findings.Error(DiagnosticCodes.EndWithOutgoing, node.Id,
                        $"End event '{Findings.Label(node)}' has an outgoing sequence flow; nothing can follow an end event.",
                        $"Sự kiện kết thúc “{Findings.Label(node)}” có luồng đi ra; sau sự kiện kết thúc không được có bước nào.");
                    break;
                case EndEvent or SubProcess { TriggeredByEvent: true }:
                    break;
                case { Outgoing.IsEmpty: true }:
                    findings.Warning(DiagnosticCodes.NoOutgoing, node.Id,
                        $"'{Findings.Label(node)}' has no outgoing sequence flow; the path silently ends there. Connect it or use an end event.",
                        $"“{Findings.Label(node)}” chưa có luồng đi ra nên quy trình dừng lặng lẽ tại đây; hãy nối tiếp hoặc dùng sự kiện kết thúc.");
                    break;
            }
        }

        if (process.IsExecutable && !process.NodesIn(null).OfType<StartEvent>().Any())
        {
            findings.Error(DiagnosticCodes.NoStartEvent, process.Key,
                $"Executable process '{process.Name ?? process.Key}' has no start event.",
                $"Quy trình “{process.Name ?? process.Key}” chưa có sự kiện bắt đầu.");
        }
    }

    private static void Endpoint(Findings findings, SequenceFlow flow, string id, string end, string endVi)
    {
        if (findings.Process.Nodes.ContainsKey(id) || findings.Source.IsUnsupported(id))
        {
            return;
        }
        if (id.Length == 0)
        {
            findings.Error(DiagnosticCodes.FlowEndpointMissing, flow.Id,
                $"Sequence flow '{flow.Id}' has no {end} ({end}Ref).",
                $"Luồng “{flow.Id}” chưa có phần tử {(end == "source" ? "nguồn (sourceRef)" : "đích (targetRef)")}.");
            return;
        }
        findings.Error(DiagnosticCodes.FlowEndpointMissing, flow.Id,
            $"Sequence flow '{flow.Id}' has {end} '{id}', which is not a flow element of this process.",
            $"Luồng “{flow.Id}” {endVi} “{id}”, nhưng phần tử này không có trong quy trình.");
    }
}
