using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Runtime;

internal sealed partial class Execution
{
    private void EnterGateway(Token token, Gateway gateway)
    {
        switch (gateway.Kind)
        {
            case GatewayKind.Exclusive:
                TakeFlows(token, [ChooseExclusive(token, gateway)]);
                break;
            case GatewayKind.Parallel:
                if (TryJoinParallel(token, gateway) is { } joined)
                {
                    TakeFlows(joined, [.. _definition.Outgoing(gateway)]);
                }

                break;
            case GatewayKind.Inclusive:
                TryFireInclusive(gateway, token.ScopeId);
                break;
            case GatewayKind.EventBased:
                foreach (var flow in _definition.Outgoing(gateway))
                {
                    var target = _definition.Node(flow.TargetId);
                    var trigger = target switch
                    {
                        IntermediateCatchEvent c => c.Trigger,
                        ReceiveTask r => new MessageTrigger(r.MessageName),
                        _ => throw new EngineException(EngineError.InvalidDefinition,
                            $"Event-based gateway '{gateway.Id}' leads to '{target.Id}', which is not a catch event.", gateway.Id),
                    };
                    ArmTrigger(target, trigger, token.Id, null);
                }

                break;
        }
    }

    private SequenceFlow ChooseExclusive(Token token, Gateway gateway)
    {
        var outgoing = _definition.Outgoing(gateway).ToList();
        if (outgoing.Count == 0)
        {
            throw new EngineException(EngineError.InvalidDefinition, $"Gateway '{gateway.Id}' has no outgoing flow.", gateway.Id);
        }

        foreach (var flow in outgoing)
        {
            if (flow.Id != gateway.DefaultFlowId && (flow.Condition is null || EvaluateCondition(flow, token.ScopeId)))
            {
                return flow;
            }
        }

        return gateway.DefaultFlowId is { } defaultId
            ? _definition.Flow(defaultId)
            : throw new EngineException(EngineError.NoMatchingFlow,
                $"No condition on the flows leaving gateway '{gateway.Id}' holds, and it has no default flow.", gateway.Id);
    }

    /// <summary>A parallel join fires when every incoming flow has delivered a token; it consumes one per flow.</summary>
    private Token? TryJoinParallel(Token token, Gateway gateway)
    {
        if (gateway.Incoming.Length <= 1)
        {
            return token;
        }

        var waiting = _tokens.Where(t => t.ElementId == gateway.Id && t.ScopeId == token.ScopeId).OrderBy(t => t.Id).ToList();
        var chosen = new List<Token>();
        foreach (var flowId in gateway.Incoming)
        {
            var arrived = waiting.Find(t => t.ArrivedVia == flowId);
            if (arrived is null)
            {
                return null;
            }

            chosen.Add(arrived);
        }

        return Merge(gateway, chosen);
    }

    /// <summary>Keeps the first of the joined tokens and consumes the rest.</summary>
    private Token Merge(Gateway gateway, List<Token> joined)
    {
        var survivor = joined[0];
        foreach (var other in joined.Skip(1))
        {
            _tokens.Remove(other);
            Emit(new NodeCompleted(other.Id, gateway.Id));
        }

        return survivor;
    }

    /// <summary>
    /// Inclusive join (BPMN 2.0 §13.4.3): fires when at least one incoming flow has a token and no token elsewhere
    /// in the scope can still reach an empty incoming flow without passing through this gateway. Splits on every
    /// condition that holds, the default flow when none does.
    /// </summary>
    private bool TryFireInclusive(Gateway gateway, long scopeId)
    {
        var waiting = _tokens.Where(t => t.ElementId == gateway.Id && t.ScopeId == scopeId).OrderBy(t => t.Id).ToList();
        if (waiting.Count == 0)
        {
            return false;
        }

        if (gateway.Incoming.Length > 1)
        {
            var filled = waiting.Select(t => t.ArrivedVia).ToHashSet(StringComparer.Ordinal);
            var empty = gateway.Incoming.Where(f => !filled.Contains(f)).ToList();
            if (empty.Count > 0 && _tokens.Any(t => t.ScopeId == scopeId && t.ElementId != gateway.Id && CanReach(t.ElementId, gateway, empty)))
            {
                return false;
            }
        }

        var joined = gateway.Incoming.Length > 1
            ? gateway.Incoming.Select(f => waiting.Find(t => t.ArrivedVia == f)).OfType<Token>().ToList()
            : [waiting[0]];
        var token = Merge(gateway, joined);
        var flows = _definition.Outgoing(gateway)
            .Where(f => f.Id != gateway.DefaultFlowId && (f.Condition is null || EvaluateCondition(f, scopeId)))
            .ToList();
        if (flows.Count == 0)
        {
            flows = gateway.DefaultFlowId is { } defaultId
                ? [_definition.Flow(defaultId)]
                : throw new EngineException(EngineError.NoMatchingFlow,
                    $"No condition on the flows leaving gateway '{gateway.Id}' holds, and it has no default flow.", gateway.Id);
        }

        TakeFlows(token, flows);
        return true;
    }

    /// <summary>Whether a token at <paramref name="fromId"/> can still arrive on one of the empty incoming flows.</summary>
    private bool CanReach(string fromId, Gateway gateway, List<string> emptyFlows)
    {
        var targets = emptyFlows.Select(f => _definition.Flow(f).SourceId).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([fromId]);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (!seen.Add(id) || id == gateway.Id)
            {
                continue;
            }

            if (targets.Contains(id))
            {
                return true;
            }

            var node = _definition.Node(id);
            foreach (var flow in node.Outgoing)
            {
                queue.Enqueue(_definition.Flow(flow).TargetId);
            }

            foreach (var boundary in _definition.BoundariesOf(id))
            {
                queue.Enqueue(boundary.Id);
            }
        }

        return false;
    }

    /// <summary>After the agenda drains, a waiting inclusive join may have become free (another path ended).</summary>
    private bool RetryInclusiveJoins()
    {
        var candidates = _tokens
            .Where(t => _definition.Node(t.ElementId) is Gateway { Kind: GatewayKind.Inclusive })
            .Select(t => (t.ElementId, t.ScopeId))
            .Distinct()
            .ToList();
        var fired = false;
        foreach (var (elementId, scopeId) in candidates)
        {
            fired |= TryFireInclusive((Gateway)_definition.Node(elementId), scopeId);
        }

        return fired;
    }

    private void ChooseEventGatewayBranch(Token gatewayToken, FlowNode target)
    {
        RemoveWaitsOf(gatewayToken, $"event-based gateway took '{target.Id}'");
        var flow = _definition.Outgoing(_definition.Node(gatewayToken.ElementId)).First(f => f.TargetId == target.Id);
        Emit(new NodeCompleted(gatewayToken.Id, gatewayToken.ElementId));
        Emit(new FlowTaken(flow.Id, flow.SourceId, flow.TargetId));
        var moved = gatewayToken with { ElementId = target.Id, ArrivedVia = flow.Id, EnteredAt = _now };
        Replace(moved);
        Emit(new NodeEntered(moved.Id, target.Id, moved.ScopeId));
        _agenda.Enqueue(() => Leave(moved.Id));
    }
}
