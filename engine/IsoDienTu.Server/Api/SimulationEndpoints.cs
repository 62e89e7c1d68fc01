using System.Collections.Immutable;
using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Postgres;
using IsoDienTu.Engine.Runtime;

namespace IsoDienTu.Server.Api;

/// <summary>
/// "Mô phỏng" in the designer: runs a model through the pure interpreter in simulated time, entirely in memory —
/// no dossier, task, timer or journal row is written. The client sends every step taken so far and gets back the
/// whole timeline, so the endpoint is stateless.
/// </summary>
public static class SimulationEndpoints
{
    /// <param name="ElementId">A user task with an open task, or a message catch event (e.g. the supplement wait).</param>
    /// <param name="At">When it happens; null = when the open task is due (or at once for a message).</param>
    public sealed record SimulationStep(string ElementId, string? Outcome, DateTimeOffset? At);

    /// <param name="Start">When the dossier is received; null = now.</param>
    public sealed record SimulationRequest(string Bpmn, DateTimeOffset? Start, ImmutableArray<SimulationStep>? Steps, string? Channel);

    public sealed record SimulatedTask(
        long TaskId, string ElementId, string Name, string? Unit, string? Role, ImmutableArray<string> Outcomes,
        DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? CompletedAt, string? Outcome, bool? Late, bool Cancelled);

    public sealed record SimulatedEvent(DateTimeOffset At, string Kind, string? ElementId, string? Detail);

    public sealed record SimulatedWait(string ElementId, string Kind, string Name);

    public sealed record SimulationResult(
        string ProcessKey, string? ProcessName, DateTimeOffset ReceivedAt, DateTimeOffset? StatutoryDueAt, DateTimeOffset Now,
        string Status, bool? LateOverall, ImmutableArray<SimulatedTask> Tasks, ImmutableArray<SimulatedWait> Waiting,
        ImmutableArray<SimulatedEvent> Events);

    private const int MaxSteps = 500;

    public static void MapSimulation(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/simulations", async (SimulationRequest request, CalendarStore calendars, ClusterClock clock, CancellationToken ct) =>
        {
            var now = request.Start ?? await clock.NowAsync(ct);
            var calendar = await calendars.LoadAsync(ct);
            return TypedResults.Ok(Run(request, now, calendar));
        }).WithTags("Definitions").RequireAuthorization("designer");
    }

    /// <summary>Replays the steps through the interpreter; pure apart from the calendar passed in.</summary>
    public static SimulationResult Run(SimulationRequest request, DateTimeOffset start, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(calendar);
        if (string.IsNullOrWhiteSpace(request.Bpmn))
        {
            throw new StoreException(StoreError.Invalid, "The simulation needs the BPMN model.", "bpmn");
        }

        var steps = request.Steps ?? [];
        if (steps.Length > MaxSteps)
        {
            throw new StoreException(StoreError.Invalid, $"At most {MaxSteps} steps can be simulated.", "steps");
        }

        var model = BpmnImporter.Import(request.Bpmn);
        if (model.HasErrors || model.Executable is not { } definition)
        {
            throw new InvalidModelException([.. model.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)]);
        }

        var channel = Enum.TryParse<ReceptionChannel>(request.Channel, ignoreCase: true, out var c) ? c : ReceptionChannel.Direct;
        var sim = new Simulation(definition, calendar);
        sim.Apply(new StartInstance(ReceivedAt: start, Channel: channel), start);

        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            var task = sim.State.Tasks.FirstOrDefault(t => t.ElementId == step.ElementId);
            var wait = sim.State.Subscriptions.FirstOrDefault(s => s.ElementId == step.ElementId && s.Kind == SubscriptionKind.Message);
            if (task is null && wait is null)
            {
                throw new StoreException(StoreError.Invalid, $"Step {i + 1}: '{step.ElementId}' is not waiting at this point of the simulation.", $"steps[{i}].elementId");
            }

            var at = step.At ?? (task?.DueAt is { } due && due > sim.Now ? due : sim.Now);
            if (at < sim.Now)
            {
                at = sim.Now;
            }

            sim.FireTimersUntil(at);
            Command command = task is not null && sim.State.Tasks.Any(t => t.Id == task.Id)
                ? new CompleteTask(task.Id, string.IsNullOrWhiteSpace(step.Outcome) ? null : step.Outcome.Trim(), CompletedBy: "simulation")
                : wait is not null && sim.State.Subscriptions.Any(s => s.Id == wait.Id)
                    ? new DeliverMessage(wait.Name)
                    : throw new StoreException(StoreError.Invalid, $"Step {i + 1}: '{step.ElementId}' ended before {at:u} (a timer fired first).", $"steps[{i}].at");
            sim.Apply(command, at);
        }

        // Timers that would fire before anything else can happen (nothing waits for a person) are run too.
        if (sim.State.Tasks.IsEmpty && sim.State.Subscriptions.IsEmpty)
        {
            sim.FireTimersUntil(DateTimeOffset.MaxValue);
        }

        return sim.Result(definition, start);
    }

    private sealed class Simulation(ProcessDefinition definition, WorkingCalendar calendar)
    {
        private readonly Dictionary<long, SimulatedTask> _tasks = [];
        private readonly List<long> _order = [];
        private readonly List<SimulatedEvent> _events = [];

        public InstanceState State { get; private set; } = InstanceState.New("simulation", definition.Key, 0);

        public DateTimeOffset Now { get; private set; }

        public void Apply(Command command, DateTimeOffset at)
        {
            Decision decision;
            try
            {
                decision = Interpreter.Decide(definition, State, command, at, calendar);
            }
            catch (EngineException e)
            {
                throw new EngineRefusedException(e);
            }

            Now = at;
            State = decision.State;
            foreach (var e in decision.Events)
            {
                Record(e, at);
            }
        }

        public void FireTimersUntil(DateTimeOffset until)
        {
            for (var guard = 0; guard < 1000 && !State.IsEnded; guard++)
            {
                var next = State.Timers.Where(t => t.DueAt <= until).OrderBy(t => t.DueAt).ThenBy(t => t.Id).FirstOrDefault();
                if (next is null)
                {
                    return;
                }

                Apply(new FireTimer(next.Id), next.DueAt < Now ? Now : next.DueAt);
            }
        }

        public SimulationResult Result(ProcessDefinition process, DateTimeOffset start)
        {
            var due = State.Clock.OriginalDueAt ?? State.Clock.DueAt;
            bool? lateOverall = State.IsEnded && State.Clock.DueAt is { } current ? (State.EndedAt ?? Now) > current : null;
            return new SimulationResult(
                process.Key, process.Name, State.Clock.ReceivedAt ?? start, due, Now, State.Status.ToString(), lateOverall,
                [.. _order.Select(id => _tasks[id])],
                [.. State.Subscriptions.Where(s => s.Kind == SubscriptionKind.Message).Select(s => new SimulatedWait(s.ElementId, "message", s.Name))],
                [.. _events]);
        }

        private void Record(EngineEvent e, DateTimeOffset at)
        {
            switch (e)
            {
                case TaskCreated created:
                    var t = created.Task;
                    _tasks[t.Id] = new SimulatedTask(t.Id, t.ElementId, t.Name, t.Assignment.Unit, t.Assignment.Role, t.Outcomes,
                        t.CreatedAt, t.DueAt, null, null, null, false);
                    _order.Add(t.Id);
                    break;
                case TaskCompleted completed when _tasks.TryGetValue(completed.TaskId, out var open):
                    _tasks[completed.TaskId] = open with
                    {
                        CompletedAt = at,
                        Outcome = completed.Outcome,
                        Late = open.DueAt is { } taskDue ? at > taskDue : null,
                    };
                    _events.Add(new SimulatedEvent(at, "taskCompleted", completed.ElementId, completed.Outcome));
                    break;
                case TaskCancelled cancelled when _tasks.TryGetValue(cancelled.TaskId, out var gone):
                    _tasks[cancelled.TaskId] = gone with { Cancelled = true, CompletedAt = at };
                    break;
                case InstanceStarted started:
                    _events.Add(new SimulatedEvent(at, "started", started.StartEventId, started.DueAt?.ToString("O")));
                    break;
                case TimerFired fired:
                    _events.Add(new SimulatedEvent(at, "timerFired", fired.ElementId, null));
                    break;
                case WaitStarted wait:
                    _events.Add(new SimulatedEvent(at, "waitStarted", wait.ElementId, wait.Name));
                    break;
                case ClockStopped:
                    _events.Add(new SimulatedEvent(at, "clockStopped", null, null));
                    break;
                case ClockResumed resumed:
                    _events.Add(new SimulatedEvent(at, "clockResumed", null, resumed.DueAt.ToString("O")));
                    break;
                case InstanceEnded ended:
                    _events.Add(new SimulatedEvent(at, "ended", null, ended.Status.ToString()));
                    break;
                default:
                    break;
            }
        }
    }
}
