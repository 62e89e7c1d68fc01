using System.Globalization;
using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Runtime;

internal sealed partial class Execution
{
    /// <summary>Starts waiting for an event on behalf of a token (catch, boundary, event gateway) or a scope.</summary>
    private void ArmTrigger(FlowNode node, EventTrigger trigger, long? ownerTokenId, long? ownerScopeId)
    {
        switch (trigger)
        {
            case TimerTrigger timer:
                ScheduleTimer(node, timer, ownerTokenId, ownerScopeId, fired: 0, cycleStart: null);
                break;
            case MessageTrigger message:
                Subscribe(SubscriptionKind.Message, message.MessageName, node.Id, ownerTokenId, ownerScopeId);
                break;
            case SignalTrigger signal:
                Subscribe(SubscriptionKind.Signal, signal.SignalName, node.Id, ownerTokenId, ownerScopeId);
                break;
            case EscalationTrigger or ErrorTrigger when node is BoundaryEvent or StartEvent:
                // Caught when thrown; nothing to arm.
                break;
            default:
                throw new EngineException(EngineError.InvalidDefinition,
                    $"Element '{node.Id}' waits for an event the engine does not support ({trigger.GetType().Name}).", node.Id);
        }
    }

    private void ArmBoundaries(Token token, Activity activity)
    {
        if (IsLoopIteration(token, activity))
        {
            return; // Boundaries belong to the multi-instance body, armed once for all iterations.
        }

        foreach (var boundary in _definition.BoundariesOf(activity.Id))
        {
            ArmTrigger(boundary, boundary.Trigger, token.Id, null);
        }
    }

    /// <summary>Event sub-processes listen while their enclosing scope runs.</summary>
    private void ArmEventSubProcesses(ScopeInstance scope)
    {
        var scopeElement = ScopeElementOf(scope);
        foreach (var eventSubProcess in _definition.NodesIn(scopeElement).OfType<SubProcess>().Where(s => s.TriggeredByEvent))
        {
            foreach (var start in _definition.NodesIn(eventSubProcess.Id).OfType<StartEvent>())
            {
                ArmTrigger(start, start.Trigger, null, scope.Id);
            }
        }
    }

    private void Subscribe(SubscriptionKind kind, string name, string elementId, long? ownerTokenId, long? ownerScopeId)
    {
        var subscription = new Subscription(NewId(), kind, name, elementId, ownerTokenId, ownerScopeId);
        _subscriptions.Add(subscription);
        Emit(new WaitStarted(subscription.Id, kind, name, elementId));
    }

    private void Unsubscribe(Subscription subscription)
    {
        _subscriptions.Remove(subscription);
        Emit(new WaitEnded(subscription.Id, subscription.Name, subscription.ElementId, Delivered: false));
    }

    private void ScheduleTimer(FlowNode node, TimerTrigger timer, long? ownerTokenId, long? ownerScopeId, int fired, DateTimeOffset? cycleStart)
    {
        var scopeId = ownerTokenId is { } t ? TokenById(t).ScopeId : ownerScopeId!.Value;
        DateTimeOffset? due = timer.Kind switch
        {
            TimerKind.Duration => DurationDue(node, timer, scopeId),
            TimerKind.Date => DateDue(node, timer, scopeId),
            _ => CycleDue(node, timer, scopeId, fired, cycleStart ?? _now),
        };
        if (due is null)
        {
            return; // A cycle whose repetitions are used up.
        }

        var pending = new PendingTimer(NewId(), node.Id, ownerTokenId, ownerScopeId, due.Value)
        {
            Fired = fired,
            CycleStart = timer.Kind == TimerKind.Cycle ? cycleStart ?? _now : null,
        };
        _timers.Add(pending);
        Emit(new TimerScheduled(pending.Id, node.Id, pending.DueAt));
        Do(new ScheduleTimerEffect(pending.Id, node.Id, pending.DueAt));
    }

    private DateTimeOffset DurationDue(FlowNode node, TimerTrigger timer, long scopeId)
    {
        var text = EvaluateText(timer.Expression, scopeId, node.Id);
        if (timer.WorkingTime && WorkingDuration.TryParse(text, out var working))
        {
            // iso:calendar="working": the duration runs in office hours on working days only.
            return _calendar.Add(_now, working);
        }

        return IsoDuration.TryParse(text, out var duration)
            ? duration.AddTo(_now)
            : throw new EngineException(EngineError.InvalidDefinition, $"Timer '{node.Id}' has an invalid duration '{text}'.", node.Id);
    }

    private DateTimeOffset DateDue(FlowNode node, TimerTrigger timer, long scopeId)
    {
        var text = EvaluateText(timer.Expression, scopeId, node.Id);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new EngineException(EngineError.InvalidDefinition, $"Timer '{node.Id}' has an invalid date '{text}'.", node.Id);
    }

    private DateTimeOffset? CycleDue(FlowNode node, TimerTrigger timer, long scopeId, int fired, DateTimeOffset cycleStart)
    {
        var text = EvaluateText(timer.Expression, scopeId, node.Id);
        if (!TimerCycle.TryParse(text, out var cycle, out var error) || cycle is null)
        {
            throw new EngineException(EngineError.InvalidDefinition, $"Timer '{node.Id}' has an invalid cycle '{text}': {error}", node.Id);
        }

        return cycle.NextAfter(fired == 0 ? cycleStart : _now, fired);
    }

    private void CancelTimer(PendingTimer timer)
    {
        _timers.Remove(timer);
        Emit(new TimerCancelled(timer.Id, timer.ElementId));
        Do(new CancelTimerEffect(timer.Id));
    }

    /// <summary>A cycle timer on a non-interrupting boundary or event sub-process start arms its next occurrence.</summary>
    private void RearmCycle(PendingTimer fired, FlowNode node)
    {
        var trigger = node switch
        {
            BoundaryEvent { CancelActivity: false } b => b.Trigger,
            StartEvent { IsInterrupting: false } s => s.Trigger,
            _ => null,
        };
        if (trigger is TimerTrigger { Kind: TimerKind.Cycle } cycle)
        {
            ScheduleTimer(node, cycle, fired.OwnerTokenId, fired.OwnerScopeId, fired.Fired + 1, fired.CycleStart);
        }
    }

    private void TriggerBoundary(BoundaryEvent boundary, Token activityToken)
    {
        var scopeId = activityToken.ScopeId;
        if (boundary.CancelActivity)
        {
            CancelToken(activityToken, $"interrupted by '{boundary.Id}'");
        }

        var token = NewToken(boundary.Id, scopeId, null);
        _agenda.Enqueue(() => Enter(token.Id));
    }

    private void TriggerEventSubProcess(StartEvent start, long scopeId)
    {
        var eventSubProcess = _definition.Node(start.ScopeId!);
        if (start.IsInterrupting)
        {
            CancelScopeContents(scopeId, $"interrupted by event sub-process '{eventSubProcess.Id}'");
            foreach (var timer in _timers.Where(t => t.OwnerScopeId == scopeId).ToList())
            {
                CancelTimer(timer);
            }

            foreach (var subscription in _subscriptions.Where(s => s.OwnerScopeId == scopeId).ToList())
            {
                Unsubscribe(subscription);
            }
        }

        var scope = NewScope(ScopeKind.EventSubProcess, eventSubProcess.Id, scopeId, null);
        var token = NewToken(start.Id, scope.Id, null);
        Emit(new NodeEntered(token.Id, start.Id, scope.Id));
        _agenda.Enqueue(() => Leave(token.Id));
    }
}
