using System.Collections.Immutable;
using System.Text.Json;
using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Runtime;

namespace IsoDienTu.Engine.Tests.Runtime;

/// <summary>
/// Drives one instance through the pure interpreter the way the service will: commands in, state kept, timers
/// fired by moving a simulated clock (never by waiting). Records every command so a test can replay it.
/// </summary>
internal sealed class Harness
{
    private readonly List<(DateTimeOffset At, Command Command)> _commands = [];

    public Harness(ProcessDefinition definition, DateTimeOffset now, WorkingCalendar? calendar = null)
    {
        Definition = definition;
        Now = now;
        Calendar = calendar ?? new WorkingCalendar([]);
        State = InstanceState.New("i-1", definition.Key, 1);
    }

    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));

    public ProcessDefinition Definition { get; }
    public WorkingCalendar Calendar { get; }
    public DateTimeOffset Now { get; private set; }
    public InstanceState State { get; private set; }
    public List<EngineEvent> Events { get; } = [];
    public List<Effect> Effects { get; } = [];
    public IReadOnlyList<(DateTimeOffset At, Command Command)> Commands => _commands;

    public static Harness FromFixture(string file, DateTimeOffset? now = null, string? processId = null) =>
        FromXml(File.ReadAllText(Fixtures.Path("engine-tests", file)), now, processId);

    public static Harness FromXml(string xml, DateTimeOffset? now = null, string? processId = null, WorkingCalendar? calendar = null)
    {
        var model = BpmnImporter.Import(xml);
        var errors = model.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        errors.ShouldBeEmpty(string.Join("\n", errors));
        var definition = processId is null ? model.Executable! : model.Processes.Single(p => p.Key == processId);
        return new Harness(definition, now ?? Monday, calendar);
    }

    public Decision Run(Command command)
    {
        var decision = Interpreter.Decide(Definition, State, command, Now, Calendar);
        _commands.Add((Now, command));
        State = decision.State;
        Events.AddRange(decision.Events);
        Effects.AddRange(decision.Effects);
        return decision;
    }

    public Harness Start(object? variables = null, DateTimeOffset? receivedAt = null, ReceptionChannel channel = ReceptionChannel.Direct)
    {
        Run(new StartInstance(Vars(variables), receivedAt, channel));
        return this;
    }

    public OpenTask Task(string elementId) => State.Tasks.Single(t => t.ElementId == elementId);

    public IEnumerable<string> TaskIds => State.Tasks.Select(t => t.ElementId).Order(StringComparer.Ordinal);

    public Harness Complete(string elementId, string? outcome = null, object? variables = null)
    {
        Run(new CompleteTask(Task(elementId).Id, outcome, Vars(variables), "tester"));
        return this;
    }

    public Harness Complete(OpenTask task, string? outcome = null)
    {
        Run(new CompleteTask(task.Id, outcome, null, "tester"));
        return this;
    }

    public Harness Message(string name, object? variables = null)
    {
        Run(new DeliverMessage(name, Vars(variables)));
        return this;
    }

    public Harness Signal(string name)
    {
        Run(new DeliverSignal(name));
        return this;
    }

    /// <summary>Moves the simulated clock, firing every timer due by then in due order (as the scheduler would).</summary>
    public Harness AdvanceTo(DateTimeOffset until)
    {
        while (State.Status == InstanceStatus.Active && State.Timers.Where(t => t.DueAt <= until).OrderBy(t => t.DueAt).ThenBy(t => t.Id).FirstOrDefault() is { } next)
        {
            Now = next.DueAt > Now ? next.DueAt : Now;
            Run(new FireTimer(next.Id));
        }

        Now = until > Now ? until : Now;
        return this;
    }

    public Harness Advance(TimeSpan by) => AdvanceTo(Now + by);

    public static ImmutableDictionary<string, JsonElement>? Vars(object? variables) =>
        variables is null ? null
        : JsonSerializer.SerializeToElement(variables).EnumerateObject()
            .ToImmutableDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
}

internal static class Fixtures
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);
}
