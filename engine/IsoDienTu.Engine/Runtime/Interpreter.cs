using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Runtime;

/// <summary>
/// The engine's one entry point: a deterministic function of (definition, state, command, now, calendar).
/// No I/O, no clock reads, no randomness — the same inputs always give the same decision, which is what lets a
/// recorded journal be replayed through today's code.
/// </summary>
public static class Interpreter
{
    /// <exception cref="EngineException">The command is refused; nothing changed.</exception>
    public static Decision Decide(ProcessDefinition definition, InstanceState state, Command command, DateTimeOffset now, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(calendar);
        var execution = new Execution(definition, state, now, calendar);
        execution.Handle(command);
        return execution.Finish();
    }
}
