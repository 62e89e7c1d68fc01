using System.Collections.Immutable;
using System.Text.Json;
using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Runtime;

internal sealed partial class Execution
{
    public void Handle(Command command)
    {
        switch (command)
        {
            case StartInstance start: Start(start); break;
            case CompleteTask complete: CompleteTask(complete); break;
            case FireTimer fire: FireTimer(fire); break;
            case DeliverMessage message: DeliverMessage(message); break;
            case DeliverSignal signal: DeliverSignal(signal); break;
            case CompleteCall call: CompleteCall(call); break;
            case CancelInstance cancel: Cancel(cancel); break;
            case ReturnTask back: Return(back); break;
            default: throw new EngineException(EngineError.InvalidCommand, $"Unknown command {command.GetType().Name}.");
        }

        RunAgenda();
    }

    private void Start(StartInstance command)
    {
        if (_status != InstanceStatus.NotStarted)
        {
            throw new EngineException(EngineError.AlreadyStarted, "The instance has already been started.");
        }

        var start = ResolveStartEvent(command.StartEventId);
        _status = InstanceStatus.Active;
        _startedAt = _now;
        StartClock(command.ReceivedAt ?? _now, command.Channel);
        Emit(new InstanceStarted(_definition.Key, _initial.DefinitionVersion, start.Id, _clock.ReceivedAt ?? _now, _clock.DueAt));

        var root = NewScope(ScopeKind.Process, _definition.Key, null, null, command.Variables?.WithComparers(StringComparer.Ordinal));
        if (command.Variables is { Count: > 0 } variables)
        {
            Emit(new VariablesSet(root.Id, variables));
        }

        ArmEventSubProcesses(root);
        var token = NewToken(start.Id, root.Id, null);
        Emit(new NodeEntered(token.Id, start.Id, root.Id));
        _agenda.Enqueue(() => Leave(token.Id));
    }

    private StartEvent ResolveStartEvent(string? startEventId)
    {
        if (startEventId is not null)
        {
            return _definition.Nodes.TryGetValue(startEventId, out var node) && node is StartEvent { ScopeId: null } chosen
                ? chosen
                : throw new EngineException(EngineError.InvalidCommand, $"'{startEventId}' is not a start event of process '{_definition.Key}'.", startEventId);
        }

        return _definition.NodesIn(null).OfType<StartEvent>().FirstOrDefault(s => s.Trigger is NoneTrigger)
            ?? _definition.NodesIn(null).OfType<StartEvent>().FirstOrDefault()
            ?? throw new EngineException(EngineError.InvalidDefinition, $"Process '{_definition.Key}' has no start event.");
    }

    private void CompleteTask(CompleteTask command)
    {
        EnsureActive();
        var task = _tasks.Find(t => t.Id == command.TaskId)
            ?? throw new EngineException(EngineError.TaskNotFound, $"Task {command.TaskId} is not open (already completed, cancelled or never created).");
        if (!task.Outcomes.IsDefaultOrEmpty && (command.Outcome is null || !task.Outcomes.Contains(command.Outcome, StringComparer.Ordinal)))
        {
            throw new EngineException(EngineError.InvalidOutcome,
                $"Outcome '{command.Outcome}' is not one of {string.Join(", ", task.Outcomes)} for step '{task.ElementId}'.", task.ElementId);
        }

        var token = TokenById(task.TokenId);
        var values = command.Variables ?? VariableMap.Empty;
        if (command.Outcome is not null)
        {
            // The outcome is a process variable so gateway conditions can route on it (`outcome == 'approve'`).
            values = values.SetItem("outcome", JsonSerializer.SerializeToElement(command.Outcome));
        }

        _tasks.Remove(task);
        Emit(new TaskCompleted(task.Id, task.ElementId, command.Outcome, command.CompletedBy, command.Comment));
        SetVariables(token.ScopeId, values);
        _agenda.Enqueue(() => Leave(token.Id));
    }

    private void FireTimer(FireTimer command)
    {
        EnsureActive();
        var timer = _timers.Find(t => t.Id == command.TimerId)
            ?? throw new EngineException(EngineError.TimerNotFound, $"Timer {command.TimerId} is not pending (already fired or cancelled).");
        _timers.Remove(timer);
        Emit(new TimerFired(timer.Id, timer.ElementId));
        var node = _definition.Node(timer.ElementId);
        RearmCycle(timer, node);
        Trigger(node, timer.OwnerTokenId, timer.OwnerScopeId);
    }

    private void DeliverMessage(DeliverMessage command)
    {
        EnsureActive();
        var subscription = _subscriptions
            .Where(s => s.Kind == SubscriptionKind.Message && string.Equals(s.Name, command.MessageName, StringComparison.Ordinal))
            .OrderBy(s => s.Id)
            .FirstOrDefault()
            ?? throw new EngineException(EngineError.NoWaitingReceiver, $"Nothing in this instance waits for message '{command.MessageName}'.");
        Deliver(subscription, command.Variables);
    }

    private void DeliverSignal(DeliverSignal command)
    {
        EnsureActive();
        var waiting = _subscriptions
            .Where(s => s.Kind == SubscriptionKind.Signal && string.Equals(s.Name, command.SignalName, StringComparison.Ordinal))
            .OrderBy(s => s.Id)
            .ToList();
        foreach (var subscription in waiting)
        {
            // An earlier delivery may have cancelled a later wait (an event gateway, an interrupting boundary).
            if (_subscriptions.Contains(subscription))
            {
                Deliver(subscription, null);
                RunAgenda();
            }
        }
    }

    private void Deliver(Subscription subscription, ImmutableDictionary<string, JsonElement>? variables)
    {
        _subscriptions.Remove(subscription);
        Emit(new WaitEnded(subscription.Id, subscription.Name, subscription.ElementId, Delivered: true));
        var node = _definition.Node(subscription.ElementId);
        if (node is StartEvent { Trigger: MessageTrigger or SignalTrigger } start && !start.IsInterrupting)
        {
            // A non-interrupting event sub-process start keeps listening for the next occurrence.
            Subscribe(subscription.Kind, subscription.Name, node.Id, null, subscription.OwnerScopeId);
        }

        if (node is IntermediateCatchEvent { IsSupplementWait: true })
        {
            _supplementDelivered = true;
        }

        var scopeForVariables = subscription.OwnerTokenId is { } ownerId ? TokenById(ownerId).ScopeId : subscription.OwnerScopeId!.Value;
        if (variables is { Count: > 0 })
        {
            SetVariables(scopeForVariables, variables);
        }

        Trigger(node, subscription.OwnerTokenId, subscription.OwnerScopeId);
    }

    private void CompleteCall(CompleteCall command)
    {
        EnsureActive();
        var call = _calls.Find(c => c.Id == command.CallId)
            ?? throw new EngineException(EngineError.CallNotFound, $"Call {command.CallId} is not pending.");
        _calls.Remove(call);
        Emit(new CallEnded(call.Id, call.ElementId, Completed: true));
        var token = TokenById(call.TokenId);
        if (command.Variables is { Count: > 0 } variables)
        {
            SetVariables(token.ScopeId, variables);
        }

        _agenda.Enqueue(() => Leave(token.Id));
    }

    private void Cancel(CancelInstance command)
    {
        EnsureActive();
        var root = _scopes.Single(s => s.ParentId is null);
        CancelScopeContents(root.Id, command.Reason);
        RemoveScope(root.Id);
        End(InstanceStatus.Cancelled, command.Reason);
    }

    private void Return(ReturnTask command)
    {
        EnsureActive();
        var task = _tasks.Find(t => t.Id == command.TaskId)
            ?? throw new EngineException(EngineError.TaskNotFound, $"Task {command.TaskId} is not open.");
        var token = TokenById(task.TokenId);
        var current = _definition.Node(task.ElementId);
        if (!_definition.Nodes.TryGetValue(command.TargetElementId, out var target) || target is not UserTask || target.ScopeId != current.ScopeId)
        {
            throw new EngineException(EngineError.InvalidCommand,
                $"'{command.TargetElementId}' is not a step in the same scope as '{task.ElementId}'; a task can only be returned to such a step.", task.ElementId);
        }

        if (ScopeById(token.ScopeId).Kind == ScopeKind.MultiInstance)
        {
            throw new EngineException(EngineError.InvalidCommand, $"A multi-instance step ('{task.ElementId}') cannot be returned.", task.ElementId);
        }

        RemoveWaitsOf(token, command.Reason ?? "returned to the previous step");
        Emit(new NodeCancelled(token.Id, token.ElementId, command.Reason ?? "returned"));
        var moved = token with { ElementId = target.Id, ArrivedVia = null, EnteredAt = _now };
        Replace(moved);
        _agenda.Enqueue(() => Enter(moved.Id));
    }

    /// <summary>An awaited event happened at <paramref name="node"/>: a timer fired or a message/signal arrived.</summary>
    private void Trigger(FlowNode node, long? ownerTokenId, long? ownerScopeId)
    {
        switch (node)
        {
            case BoundaryEvent boundary:
                TriggerBoundary(boundary, TokenById(ownerTokenId!.Value));
                break;
            case StartEvent start when ownerScopeId is { } scopeId:
                TriggerEventSubProcess(start, scopeId);
                break;
            default:
                var owner = TokenById(ownerTokenId!.Value);
                if (owner.ElementId != node.Id)
                {
                    // The owner waits at an event-based gateway: the first event wins and takes the token along.
                    ChooseEventGatewayBranch(owner, node);
                }
                else
                {
                    _agenda.Enqueue(() => Leave(owner.Id));
                }

                break;
        }
    }
}
