using System.Collections.Immutable;
using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Runtime;

/// <summary>One decided command as journaled: when, what, and the events it produced.</summary>
public sealed record JournalEntry(int Revision, DateTimeOffset At, Command Command, ImmutableArray<EngineEvent> Events);

/// <summary>A whole recorded history of one instance, as kept in replay fixtures.</summary>
public sealed record RecordedHistory(string InstanceId, string DefinitionKey, int DefinitionVersion, ImmutableArray<JournalEntry> Entries);

/// <summary>
/// Replays a recorded journal through today's interpreter (the Temporal way): every command must produce exactly
/// the events it produced when it was recorded. A change that would break dossiers already in flight fails here.
/// </summary>
public static class Replayer
{
    public static InstanceState Replay(ProcessDefinition definition, RecordedHistory history, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(history);
        var state = InstanceState.New(history.InstanceId, history.DefinitionKey, history.DefinitionVersion);
        foreach (var entry in history.Entries)
        {
            var decision = Interpreter.Decide(definition, state, entry.Command, entry.At, calendar);
            var expected = EngineJson.Serialize(entry.Events);
            var actual = EngineJson.Serialize(decision.Events);
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                throw new ReplayMismatchException(entry.Revision, expected, actual);
            }

            state = decision.State;
        }

        return state;
    }

    /// <summary>Runs commands and records the journal they produce: how fixtures are made.</summary>
    public static (InstanceState State, RecordedHistory History) Record(
        ProcessDefinition definition, InstanceState initial, IEnumerable<(DateTimeOffset At, Command Command)> commands, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(commands);
        var state = initial;
        var entries = ImmutableArray.CreateBuilder<JournalEntry>();
        foreach (var (at, command) in commands)
        {
            var decision = Interpreter.Decide(definition, state, command, at, calendar);
            state = decision.State;
            entries.Add(new JournalEntry(state.Revision, at, command, decision.Events));
        }

        return (state, new RecordedHistory(initial.InstanceId, initial.DefinitionKey, initial.DefinitionVersion, entries.ToImmutable()));
    }
}

public sealed class ReplayMismatchException : Exception
{
    public ReplayMismatchException(int revision, string expected, string actual)
        : base($"Replay diverged at revision {revision}.\nRecorded: {expected}\nReplayed: {actual}")
    {
        Revision = revision;
    }

    public ReplayMismatchException()
    {
    }

    public ReplayMismatchException(string message)
        : base(message)
    {
    }

    public ReplayMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Revision { get; }
}
