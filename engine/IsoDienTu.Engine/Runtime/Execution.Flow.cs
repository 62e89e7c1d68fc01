using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Runtime;

internal sealed partial class Execution
{
    /// <summary>A token has arrived at its element: start the element's behaviour.</summary>
    private void Enter(long tokenId)
    {
        var token = FindToken(tokenId);
        if (token is null || _status != InstanceStatus.Active)
        {
            return;
        }

        var node = _definition.Node(token.ElementId);
        Emit(new NodeEntered(token.Id, node.Id, token.ScopeId));
        if (node is Activity { MultiInstance: { } loop } activity && !IsLoopIteration(token, activity))
        {
            StartMultiInstance(token, activity, loop);
            return;
        }

        switch (node)
        {
            case StartEvent:
                _agenda.Enqueue(() => Leave(token.Id));
                break;
            case EndEvent end:
                EnterEndEvent(token, end);
                break;
            case IntermediateThrowEvent thrower:
                EnterThrowEvent(token, thrower);
                break;
            case IntermediateCatchEvent catcher:
                ArmTrigger(catcher, catcher.Trigger, token.Id, null);
                break;
            case BoundaryEvent:
                _agenda.Enqueue(() => Leave(token.Id));
                break;
            case UserTask userTask:
                CreateTask(token, userTask);
                ArmBoundaries(token, userTask);
                break;
            case ReceiveTask receive:
                Subscribe(SubscriptionKind.Message, receive.MessageName, receive.Id, token.Id, null);
                ArmBoundaries(token, receive);
                break;
            case AutomaticTask automatic:
                RunAutomaticTask(token, automatic);
                break;
            case SubProcess subProcess:
                EnterSubProcess(token, subProcess);
                break;
            case CallActivity call:
                StartCall(token, call);
                ArmBoundaries(token, call);
                break;
            case Gateway gateway:
                EnterGateway(token, gateway);
                break;
            default:
                throw new EngineException(EngineError.InvalidDefinition, $"Element '{node.Id}' cannot be executed.", node.Id);
        }
    }

    /// <summary>The token's element is done: drop its waits and follow the outgoing flows.</summary>
    private void Leave(long tokenId)
    {
        var token = FindToken(tokenId);
        if (token is null || _status != InstanceStatus.Active)
        {
            return;
        }

        var node = _definition.Node(token.ElementId);
        RemoveWaitsOf(token, "completed");
        Emit(new NodeCompleted(token.Id, node.Id));

        var scope = ScopeById(token.ScopeId);
        if (scope.Kind == ScopeKind.MultiInstance && scope.ElementId == node.Id)
        {
            // One iteration of a multi-instance activity is done; the body decides what follows.
            Consume(token);
            return;
        }

        var flows = SelectOutgoing(node, token);
        if (flows.Count == 0)
        {
            Consume(token);
            return;
        }

        TakeFlows(token, flows);
    }

    /// <summary>
    /// BPMN semantics for flows leaving a non-gateway node: every unconditional flow, every conditional flow whose
    /// condition holds, and the default flow only when nothing else was taken.
    /// </summary>
    private List<SequenceFlow> SelectOutgoing(FlowNode node, Token token)
    {
        var defaultFlowId = (node as Activity)?.DefaultFlowId;
        var selected = new List<SequenceFlow>();
        foreach (var flow in _definition.Outgoing(node))
        {
            if (flow.Id != defaultFlowId && (flow.Condition is null || EvaluateCondition(flow, token.ScopeId)))
            {
                selected.Add(flow);
            }
        }

        if (selected.Count == 0 && defaultFlowId is not null)
        {
            selected.Add(_definition.Flow(defaultFlowId));
        }
        else if (selected.Count == 0 && node.Outgoing.Length > 0)
        {
            throw new EngineException(EngineError.NoMatchingFlow,
                $"No outgoing flow of '{node.Id}' has a condition that holds, and it has no default flow.", node.Id);
        }

        return selected;
    }

    /// <summary>Moves the token along the first flow and forks new tokens for the others.</summary>
    private void TakeFlows(Token token, List<SequenceFlow> flows)
    {
        for (var i = 0; i < flows.Count; i++)
        {
            var flow = flows[i];
            Emit(new FlowTaken(flow.Id, flow.SourceId, flow.TargetId));
            Token moved;
            if (i == 0)
            {
                moved = token with { ElementId = flow.TargetId, ArrivedVia = flow.Id, EnteredAt = _now };
                Replace(moved);
            }
            else
            {
                moved = NewToken(flow.TargetId, token.ScopeId, flow.Id);
            }

            _agenda.Enqueue(() => Enter(moved.Id));
        }
    }

    /// <summary>A token reaches the end of its path; its scope may now be complete.</summary>
    private void Consume(Token token)
    {
        _tokens.Remove(token);
        CompleteScopeIfDone(token.ScopeId);
    }

    private void CompleteScopeIfDone(long scopeId)
    {
        var scope = FindScope(scopeId);
        if (scope is null || _tokens.Exists(t => t.ScopeId == scopeId) || _scopes.Exists(s => s.ParentId == scopeId))
        {
            return;
        }

        // A completed process keeps its variables in the final state: a called process hands them back to the
        // call activity that waits for it (an inter-agency leg's outcome decides whether the group goes on).
        RemoveScope(scope.Id, keepVariables: scope.Kind == ScopeKind.Process);
        switch (scope.Kind)
        {
            case ScopeKind.Process:
                End(InstanceStatus.Completed, null);
                break;
            case ScopeKind.SubProcess:
            case ScopeKind.MultiInstanceBody:
                _agenda.Enqueue(() => Leave(scope.ParentTokenId!.Value));
                break;
            case ScopeKind.EventSubProcess:
                CompleteScopeIfDone(scope.ParentId!.Value);
                break;
            case ScopeKind.MultiInstance:
                CompleteIteration(scope);
                break;
        }
    }

    private void End(InstanceStatus status, string? reason)
    {
        _status = status;
        _endedAt = _now;
        _agenda.Clear();
        Emit(new InstanceEnded(status, reason));
        Do(new InstanceEndedEffect(status));
    }

    /// <summary>Cancels a token and everything that hangs off it: its task, waits, call and inner scopes.</summary>
    private void CancelToken(Token token, string reason)
    {
        foreach (var child in _scopes.Where(s => s.ParentTokenId == token.Id).ToList())
        {
            CancelScopeContents(child.Id, reason);
            RemoveScope(child.Id);
        }

        RemoveWaitsOf(token, reason);
        _tokens.Remove(token);
        Emit(new NodeCancelled(token.Id, token.ElementId, reason));
    }

    /// <summary>Cancels every token and child scope inside a scope; the scope itself stays.</summary>
    private void CancelScopeContents(long scopeId, string reason)
    {
        foreach (var token in _tokens.Where(t => t.ScopeId == scopeId).ToList())
        {
            if (_tokens.Contains(token))
            {
                CancelToken(token, reason);
            }
        }

        foreach (var child in _scopes.Where(s => s.ParentId == scopeId).ToList())
        {
            CancelScopeContents(child.Id, reason);
            RemoveScope(child.Id);
        }
    }

    private void RemoveScope(long scopeId, bool keepVariables = false)
    {
        foreach (var timer in _timers.Where(t => t.OwnerScopeId == scopeId).ToList())
        {
            CancelTimer(timer);
        }

        foreach (var subscription in _subscriptions.Where(s => s.OwnerScopeId == scopeId).ToList())
        {
            Unsubscribe(subscription);
        }

        if (!keepVariables)
        {
            _scopes.RemoveAll(s => s.Id == scopeId);
        }
    }

    /// <summary>Drops the task, timers, subscriptions and call a token owns (its own wait and its boundaries).</summary>
    private void RemoveWaitsOf(Token token, string reason)
    {
        foreach (var task in _tasks.Where(t => t.TokenId == token.Id).ToList())
        {
            _tasks.Remove(task);
            Emit(new TaskCancelled(task.Id, task.ElementId, reason));
            Do(new CancelTaskEffect(task.Id, reason));
        }

        foreach (var timer in _timers.Where(t => t.OwnerTokenId == token.Id).ToList())
        {
            CancelTimer(timer);
        }

        foreach (var subscription in _subscriptions.Where(s => s.OwnerTokenId == token.Id).ToList())
        {
            Unsubscribe(subscription);
        }

        foreach (var call in _calls.Where(c => c.TokenId == token.Id).ToList())
        {
            _calls.Remove(call);
            Emit(new CallEnded(call.Id, call.ElementId, Completed: false));
            Do(new CancelCallEffect(call.Id));
        }
    }

    /// <summary>Terminate end event: ends every path in its scope; at process level, the instance.</summary>
    private void Terminate(Token token)
    {
        var scope = ScopeById(token.ScopeId);
        _tokens.Remove(token);
        CancelScopeContents(scope.Id, $"terminated by '{token.ElementId}'");
        if (scope.Kind == ScopeKind.Process)
        {
            RemoveScope(scope.Id);
            End(InstanceStatus.Terminated, token.ElementId);
            return;
        }

        CompleteScopeIfDone(scope.Id);
    }
}
