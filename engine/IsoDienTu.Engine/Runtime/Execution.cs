using System.Collections.Immutable;
using System.Text.Json;
using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Runtime;

/// <summary>
/// The working copy of one decision: mutable lists built from the immutable state, an agenda of token moves run
/// to quiescence, then frozen back into a new state. Split by concern over several files.
/// </summary>
internal sealed partial class Execution
{
    /// <summary>Guards against a model that loops through automatic steps forever.</summary>
    private const int MaxSteps = 10_000;

    private readonly ProcessDefinition _definition;
    private readonly InstanceState _initial;
    private readonly DateTimeOffset _now;
    private readonly WorkingCalendar _calendar;
    private readonly List<ScopeInstance> _scopes;
    private readonly List<Token> _tokens;
    private readonly List<OpenTask> _tasks;
    private readonly List<PendingTimer> _timers;
    private readonly List<Subscription> _subscriptions;
    private readonly List<PendingCall> _calls;
    private readonly List<EngineEvent> _events = [];
    private readonly List<Effect> _effects = [];
    private readonly Queue<Action> _agenda = new();
    private InstanceStatus _status;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _endedAt;
    private DossierClock _clock;
    private long _nextId;
    private int _steps;
    private bool _supplementDelivered;

    public Execution(ProcessDefinition definition, InstanceState state, DateTimeOffset now, WorkingCalendar calendar)
    {
        _definition = definition;
        _initial = state;
        _now = now;
        _calendar = calendar;
        _scopes = [.. state.Scopes];
        _tokens = [.. state.Tokens];
        _tasks = [.. state.Tasks];
        _timers = [.. state.Timers];
        _subscriptions = [.. state.Subscriptions];
        _calls = [.. state.Calls];
        _status = state.Status;
        _startedAt = state.StartedAt;
        _endedAt = state.EndedAt;
        _clock = state.Clock;
        _nextId = state.NextId;
    }

    public Decision Finish()
    {
        UpdateClock();
        var state = _initial with
        {
            Status = _status,
            StartedAt = _startedAt,
            EndedAt = _endedAt,
            Scopes = [.. _scopes],
            Tokens = [.. _tokens],
            Tasks = [.. _tasks],
            Timers = [.. _timers],
            Subscriptions = [.. _subscriptions],
            Calls = [.. _calls],
            Clock = _clock,
            NextId = _nextId,
            Revision = _initial.Revision + 1,
        };
        return new Decision(state, [.. _events], [.. _effects]);
    }

    private long NewId() => _nextId++;

    private void Emit(EngineEvent e) => _events.Add(e);

    private void Do(Effect e) => _effects.Add(e);

    /// <summary>Runs queued token moves until nothing moves; then gives waiting inclusive joins another look.</summary>
    private void RunAgenda()
    {
        do
        {
            while (_agenda.Count > 0)
            {
                if (++_steps > MaxSteps)
                {
                    throw new EngineException(EngineError.StepLimitExceeded,
                        $"More than {MaxSteps} steps in one command: the model loops through automatic steps without waiting.");
                }

                _agenda.Dequeue()();
            }
        }
        while (_status == InstanceStatus.Active && RetryInclusiveJoins());
    }

    private Token TokenById(long id) => _tokens.Find(t => t.Id == id)
        ?? throw new InvalidOperationException($"Token {id} does not exist.");

    private Token? FindToken(long id) => _tokens.Find(t => t.Id == id);

    private ScopeInstance ScopeById(long id) => _scopes.Find(s => s.Id == id)
        ?? throw new InvalidOperationException($"Scope {id} does not exist.");

    private ScopeInstance? FindScope(long id) => _scopes.Find(s => s.Id == id);

    private void Replace(Token token)
    {
        var i = _tokens.FindIndex(t => t.Id == token.Id);
        _tokens[i] = token;
    }

    private void Replace(ScopeInstance scope)
    {
        var i = _scopes.FindIndex(s => s.Id == scope.Id);
        _scopes[i] = scope;
    }

    private Token NewToken(string elementId, long scopeId, string? arrivedVia)
    {
        var token = new Token(NewId(), elementId, scopeId, arrivedVia, _now);
        _tokens.Add(token);
        return token;
    }

    private ScopeInstance NewScope(ScopeKind kind, string elementId, long? parentId, long? parentTokenId,
        ImmutableDictionary<string, JsonElement>? variables = null)
    {
        var scope = new ScopeInstance(NewId(), kind, elementId, parentId, parentTokenId, variables ?? VariableMap.Empty);
        _scopes.Add(scope);
        return scope;
    }

    private void EnsureActive()
    {
        if (_status != InstanceStatus.Active)
        {
            throw new EngineException(EngineError.InstanceNotActive, $"The instance is {_status}, not active.");
        }
    }
}
