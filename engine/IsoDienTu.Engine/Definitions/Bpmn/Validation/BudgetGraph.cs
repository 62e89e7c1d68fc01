namespace IsoDienTu.Engine.Definitions;

/// <summary>Longest-path search for <see cref="DeadlineBudget"/>, iterative so a large model cannot exhaust the stack.</summary>
internal sealed class BudgetGraph
{
    private readonly ProcessDefinition _process;
    private readonly double _hoursPerDay;
    private readonly ILookup<string, FlowNode> _scopes;
    private readonly ILookup<string, BoundaryEvent> _boundaries;
    private readonly Dictionary<string, double> _scopeTotals = new(StringComparer.Ordinal);

    public BudgetGraph(ProcessDefinition process, double hoursPerDay)
    {
        _process = process;
        _hoursPerDay = hoursPerDay;
        _scopes = process.Nodes.Values.OrderBy(n => n.Order).ToLookup(n => n.ScopeId ?? "", StringComparer.Ordinal);
        _boundaries = process.Nodes.Values.OfType<BoundaryEvent>().ToLookup(b => b.AttachedToId, StringComparer.Ordinal);
    }

    public double Longest(string? scopeId)
    {
        var key = scopeId ?? "";
        if (_scopeTotals.TryGetValue(key, out var known))
        {
            return known;
        }
        _scopeTotals[key] = 0; // guards against a malformed model nesting a scope in itself
        var inScope = _scopes[key].Where(n => n is not SubProcess { TriggeredByEvent: true }).ToList();
        var starts = inScope.Where(n => n is StartEvent).ToList();
        if (starts.Count == 0)
        {
            starts = [.. inScope.Where(n => n.Incoming.IsEmpty && n is not BoundaryEvent)];
        }

        var longest = new Dictionary<string, double>(StringComparer.Ordinal);
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        var best = 0.0;
        foreach (var start in starts)
        {
            best = Math.Max(best, Visit(start, key, longest, onPath));
        }
        _scopeTotals[key] = best;
        return best;
    }

    /// <summary>Post-order DFS: an edge to a node still on the path is a loop's back edge and is not followed.</summary>
    private double Visit(FlowNode root, string scope, Dictionary<string, double> longest, HashSet<string> onPath)
    {
        if (longest.TryGetValue(root.Id, out var done))
        {
            return done;
        }
        var stack = new Stack<(FlowNode Node, IEnumerator<FlowNode> Next, double Best)>();
        stack.Push((root, Successors(root, scope).GetEnumerator(), 0));
        onPath.Add(root.Id);
        while (stack.Count > 0)
        {
            var (node, next, best) = stack.Pop();
            if (next.MoveNext())
            {
                var child = next.Current;
                if (longest.TryGetValue(child.Id, out var known))
                {
                    stack.Push((node, next, Math.Max(best, known)));
                }
                else
                {
                    stack.Push((node, next, best));
                    if (onPath.Add(child.Id))
                    {
                        stack.Push((child, Successors(child, scope).GetEnumerator(), 0));
                    }
                }
                continue;
            }
            next.Dispose();
            var total = Weight(node) + best;
            longest[node.Id] = total;
            onPath.Remove(node.Id);
            if (stack.Count > 0)
            {
                var (parent, parentNext, parentBest) = stack.Pop();
                stack.Push((parent, parentNext, Math.Max(parentBest, total)));
            }
        }
        return longest[root.Id];
    }

    private IEnumerable<FlowNode> Successors(FlowNode node, string scope)
    {
        foreach (var flowId in node.Outgoing)
        {
            if (_process.Flows.TryGetValue(flowId, out var flow)
                && _process.Nodes.TryGetValue(flow.TargetId, out var target)
                && (target.ScopeId ?? "") == scope)
            {
                yield return target;
            }
        }
        foreach (var boundary in _boundaries[node.Id])
        {
            yield return boundary;
        }
    }

    private double Weight(FlowNode node) => node switch
    {
        { ClockExcluded: true } => 0,
        UserTask { Allotment: { } allotment } => allotment.TotalWorkingHours(_hoursPerDay),
        SubProcess { TriggeredByEvent: false } => Longest(node.Id),
        _ => 0,
    };
}
