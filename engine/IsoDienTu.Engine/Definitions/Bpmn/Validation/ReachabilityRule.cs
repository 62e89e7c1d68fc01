namespace IsoDienTu.Engine.Definitions;

/// <summary>Nodes no token can ever reach. Event sub-processes and boundary events are reached through their trigger,
/// i.e. as soon as their enclosing scope or host activity is.</summary>
internal static class ReachabilityRule
{
    public static void Check(Findings findings)
    {
        var process = findings.Process;
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FlowNode>();
        var boundaries = process.Nodes.Values.OfType<BoundaryEvent>().ToLookup(b => b.AttachedToId, StringComparer.Ordinal);
        var scopes = process.Nodes.Values.OrderBy(n => n.Order).ToLookup(n => n.ScopeId ?? "", StringComparer.Ordinal);
        EnterScope(scopes[""], reached, pending);

        while (pending.TryPop(out var node))
        {
            foreach (var flowId in node.Outgoing)
            {
                if (process.Flows.TryGetValue(flowId, out var flow) && process.Nodes.TryGetValue(flow.TargetId, out var target))
                {
                    Reach(target, reached, pending);
                }
            }
            foreach (var boundary in boundaries[node.Id])
            {
                Reach(boundary, reached, pending);
            }
            if (node is SubProcess)
            {
                EnterScope(scopes[node.Id], reached, pending);
            }
        }

        foreach (var node in process.Nodes.Values.OrderBy(n => n.Order).Where(n => !reached.Contains(n.Id)))
        {
            findings.Warning(DiagnosticCodes.Unreachable, node.Id,
                $"'{Findings.Label(node)}' cannot be reached from any start event.",
                $"Không có đường nào từ sự kiện bắt đầu dẫn tới “{Findings.Label(node)}”.");
        }
    }

    /// <summary>A scope starts at its start events; a scope without any starts at every node with no incoming flow.</summary>
    private static void EnterScope(IEnumerable<FlowNode> inScope, HashSet<string> reached, Stack<FlowNode> pending)
    {
        var starts = inScope.OfType<StartEvent>().ToList();
        IEnumerable<FlowNode> seeds = starts.Count > 0
            ? starts
            : inScope.Where(n => n.Incoming.IsEmpty && n is not BoundaryEvent);
        foreach (var node in seeds.Concat(inScope.Where(n => n is SubProcess { TriggeredByEvent: true })))
        {
            Reach(node, reached, pending);
        }
    }

    private static void Reach(FlowNode node, HashSet<string> reached, Stack<FlowNode> pending)
    {
        if (reached.Add(node.Id))
        {
            pending.Push(node);
        }
    }
}
