using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Runtime;

internal sealed partial class Execution
{
    private void CreateTask(Token token, UserTask userTask)
    {
        var assignment = userTask.Assignment;
        var task = new OpenTask
        {
            Id = NewId(),
            TokenId = token.Id,
            ElementId = userTask.Id,
            Name = userTask.DisplayName,
            Assignment = new ResolvedAssignment
            {
                Unit = assignment.Unit,
                Role = assignment.Role,
                Assignee = assignment.Assignee is null ? null : EvaluateText(assignment.Assignee, token.ScopeId, userTask.Id),
                CandidateGroups = [.. assignment.CandidateGroups.Select(g => EvaluateText(g, token.ScopeId, userTask.Id))],
                CandidateUsers = [.. assignment.CandidateUsers.Select(u => EvaluateText(u, token.ScopeId, userTask.Id))],
            },
            CreatedAt = _now,
            DueAt = TaskDueAt(userTask, token.ScopeId),
            Outcomes = userTask.Outcomes,
            LoopCounter = LoopCounterOf(token.ScopeId),
        };
        _tasks.Add(task);
        Emit(new TaskCreated(task));
        Do(new CreateTaskEffect(task));
    }

    /// <summary>The step's due time: its allotment in working time from now, else a Camunda/Flowable due date.</summary>
    private DateTimeOffset? TaskDueAt(UserTask userTask, long scopeId)
    {
        if (userTask.Allotment is { } allotment)
        {
            return _calendar.Add(_now, allotment);
        }

        if (userTask.DueDate is null)
        {
            return null;
        }

        var value = EvaluateText(userTask.DueDate, scopeId, userTask.Id);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }

        return IsoDuration.TryParse(value, out var duration)
            ? duration.AddTo(_now)
            : throw new EngineException(EngineError.ExpressionFailed, $"Due date '{value}' of '{userTask.Id}' is neither a date nor a duration.", userTask.Id);
    }

    private int? LoopCounterOf(long scopeId)
    {
        for (var scope = FindScope(scopeId); scope is not null; scope = scope.ParentId is { } p ? FindScope(p) : null)
        {
            if (scope.Kind == ScopeKind.MultiInstance && scope.Variables.TryGetValue("loopCounter", out var counter))
            {
                return counter.GetInt32();
            }
        }

        return null;
    }

    /// <summary>Service, script, manual… tasks pass through; a named built-in action becomes an effect.</summary>
    private void RunAutomaticTask(Token token, AutomaticTask task)
    {
        if (task.Action is { } action)
        {
            Emit(new ActionInvoked(task.Id, action));
            Do(new NotifyEffect("action", task.Id, action));
        }

        _agenda.Enqueue(() => Leave(token.Id));
    }

    private void EnterSubProcess(Token token, SubProcess subProcess)
    {
        var scope = NewScope(ScopeKind.SubProcess, subProcess.Id, token.ScopeId, token.Id);
        ArmBoundaries(token, subProcess);
        ArmEventSubProcesses(scope);
        var start = _definition.NodesIn(subProcess.Id).OfType<StartEvent>().FirstOrDefault()
            ?? throw new EngineException(EngineError.InvalidDefinition, $"Sub-process '{subProcess.Id}' has no start event.", subProcess.Id);
        var inner = NewToken(start.Id, scope.Id, null);
        _agenda.Enqueue(() => Enter(inner.Id));
    }

    private void StartCall(Token token, CallActivity call)
    {
        var pending = new PendingCall(NewId(), token.Id, call.Id, call.CalledElement, call.CalledVersion);
        _calls.Add(pending);
        Emit(new CallStarted(pending.Id, call.Id, call.CalledElement, call.CalledVersion));
        Do(new StartCallEffect(pending.Id, call.CalledElement, call.CalledVersion, VisibleVariables(token.ScopeId)));
    }

    private void EnterEndEvent(Token token, EndEvent end)
    {
        if (end.Trigger is TerminateTrigger)
        {
            Terminate(token);
            return;
        }

        Throw(token, end, end.Trigger);
        if (_tokens.Contains(token))
        {
            Emit(new NodeCompleted(token.Id, end.Id));
            Consume(token);
        }
    }

    private void EnterThrowEvent(Token token, IntermediateThrowEvent thrower)
    {
        Throw(token, thrower, thrower.Trigger);
        if (_tokens.Contains(token))
        {
            _agenda.Enqueue(() => Leave(token.Id));
        }
    }

    /// <summary>What a throwing event throws; an interrupting catch may consume the thrower on the way.</summary>
    private void Throw(Token token, FlowNode node, EventTrigger trigger)
    {
        switch (trigger)
        {
            case EscalationTrigger escalation:
                ThrowEscalation(token, escalation.Code);
                break;
            case MessageTrigger message:
                Do(new SendMessageEffect(message.MessageName, node.Id));
                break;
            case SignalTrigger signal:
                Do(new PublishSignalEffect(signal.SignalName));
                break;
        }
    }

    /// <summary>
    /// Escalation propagates outwards: an escalation event sub-process in the thrower's scope, else an escalation
    /// boundary on the enclosing activity, level by level. Uncaught, it becomes a notification (BPMN ignores it).
    /// </summary>
    private void ThrowEscalation(Token thrower, string? code)
    {
        bool Matches(EventTrigger trigger) => trigger is EscalationTrigger caught && (caught.Code is null || caught.Code == code);

        for (var scope = FindScope(thrower.ScopeId); scope is not null;)
        {
            var handler = _definition.Nodes.Values.OfType<StartEvent>()
                .Where(s => Matches(s.Trigger) && s.ScopeId is { } esp && _definition.Node(esp) is SubProcess { TriggeredByEvent: true } e
                    && e.ScopeId == ScopeElementOf(scope))
                .OrderBy(s => s.Order)
                .FirstOrDefault();
            if (handler is not null)
            {
                Emit(new EscalationRaised(code, thrower.ElementId, handler.Id));
                TriggerEventSubProcess(handler, scope.Id);
                return;
            }

            if (scope.ParentTokenId is { } parentTokenId && FindToken(parentTokenId) is { } parent)
            {
                var parentScope = ScopeById(parent.ScopeId);
                var skipIteration = parentScope.Kind == ScopeKind.MultiInstance && parentScope.ElementId == parent.ElementId;
                var boundary = skipIteration ? null : _definition.BoundariesOf(parent.ElementId).FirstOrDefault(b => Matches(b.Trigger));
                if (boundary is not null)
                {
                    Emit(new EscalationRaised(code, thrower.ElementId, boundary.Id));
                    TriggerBoundary(boundary, parent);
                    return;
                }

                scope = parentScope;
            }
            else
            {
                scope = scope.ParentId is { } parentId ? FindScope(parentId) : null;
            }
        }

        Emit(new EscalationRaised(code, thrower.ElementId, null));
        Do(new NotifyEffect("escalation", thrower.ElementId, code));
    }

    /// <summary>The definition scope (sub-process id, or null for the process) whose nodes run in a scope instance.</summary>
    private static string? ScopeElementOf(ScopeInstance scope) => scope.Kind switch
    {
        ScopeKind.Process => null,
        _ => scope.ElementId,
    };

    private void StartMultiInstance(Token body, Activity activity, MultiInstance loop)
    {
        ImmutableArray<JsonElement> items = [];
        int total;
        if (loop.Collection is { } collectionText)
        {
            var collection = EvaluateValue(collectionText, body.ScopeId, activity.Id);
            if (collection.ValueKind != JsonValueKind.Array)
            {
                throw new EngineException(EngineError.ExpressionFailed, $"Collection '{collectionText}' of '{activity.Id}' is not a list.", activity.Id);
            }

            items = [.. collection.EnumerateArray()];
            total = items.Length;
        }
        else
        {
            var cardinality = EvaluateValue(loop.LoopCardinality ?? "0", body.ScopeId, activity.Id);
            total = cardinality.ValueKind == JsonValueKind.Number ? (int)cardinality.GetDecimal()
                : int.TryParse(cardinality.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
                : throw new EngineException(EngineError.ExpressionFailed, $"Loop cardinality of '{activity.Id}' is not a number.", activity.Id);
        }

        var scope = NewScope(ScopeKind.MultiInstanceBody, activity.Id, body.ScopeId, body.Id, LoopCounters(total, 0, 0))
            with { Loop = new MultiInstanceProgress(total, 0, 0, items) };
        Replace(scope);
        ArmBoundaries(body, activity);
        if (total <= 0)
        {
            RemoveScope(scope.Id);
            _agenda.Enqueue(() => Leave(body.Id));
            return;
        }

        var first = loop.IsSequential ? 1 : total;
        for (var i = 0; i < first; i++)
        {
            StartIteration(scope.Id, activity, loop);
        }
    }

    private void StartIteration(long bodyScopeId, Activity activity, MultiInstance loop)
    {
        var body = ScopeById(bodyScopeId);
        var progress = body.Loop!;
        var index = progress.Started;
        var locals = VariableMap.Empty.SetItem("loopCounter", JsonSerializer.SerializeToElement(index));
        if (loop.ElementVariable is { } name && index < progress.Items.Length)
        {
            locals = locals.SetItem(name, progress.Items[index]);
        }

        var active = progress.Started + 1 - progress.Completed;
        Replace(body with
        {
            Loop = progress with { Started = progress.Started + 1 },
            Variables = LoopCounters(progress.Total, active, progress.Completed),
        });
        var iteration = NewScope(ScopeKind.MultiInstance, activity.Id, bodyScopeId, null, locals);
        var token = NewToken(activity.Id, iteration.Id, null);
        _agenda.Enqueue(() => Enter(token.Id));
    }

    private void CompleteIteration(ScopeInstance iteration)
    {
        var body = ScopeById(iteration.ParentId!.Value);
        var activity = (Activity)_definition.Node(body.ElementId);
        var loop = activity.MultiInstance!;
        var progress = body.Loop! with { Completed = body.Loop!.Completed + 1 };
        var active = progress.Started - progress.Completed;
        body = body with { Loop = progress, Variables = LoopCounters(progress.Total, active, progress.Completed) };
        Replace(body);

        var done = progress.Completed >= progress.Total
            || (loop.CompletionCondition is { } condition && EvaluateCondition(condition, body.Id, activity.Id));
        if (done)
        {
            // Completion condition met: remaining iterations are cancelled (BPMN 2.0 §13.3.7).
            CancelScopeContents(body.Id, "multi-instance completion condition met");
            CompleteScopeIfDone(body.Id);
        }
        else if (loop.IsSequential && progress.Started < progress.Total)
        {
            StartIteration(body.Id, activity, loop);
        }
    }

    private static ImmutableDictionary<string, JsonElement> LoopCounters(int total, int active, int completed) =>
        VariableMap.Empty
            .SetItem("nrOfInstances", JsonSerializer.SerializeToElement(total))
            .SetItem("nrOfActiveInstances", JsonSerializer.SerializeToElement(active))
            .SetItem("nrOfCompletedInstances", JsonSerializer.SerializeToElement(completed));

    private bool IsLoopIteration(Token token, Activity activity)
    {
        var scope = ScopeById(token.ScopeId);
        return scope.Kind == ScopeKind.MultiInstance && scope.ElementId == activity.Id;
    }
}
