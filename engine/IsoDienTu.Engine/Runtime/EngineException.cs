namespace IsoDienTu.Engine.Runtime;

/// <summary>A command the interpreter refuses; the state is unchanged. The code maps to an HTTP status at the edge.</summary>
public sealed class EngineException : Exception
{
    public EngineException(EngineError code, string message, string? elementId = null)
        : base(message)
    {
        Code = code;
        ElementId = elementId;
    }

    public EngineException()
        : this(EngineError.InvalidCommand, "The command was refused.")
    {
    }

    public EngineException(string message)
        : this(EngineError.InvalidCommand, message)
    {
    }

    public EngineException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = EngineError.InvalidCommand;
    }

    public EngineError Code { get; }
    public string? ElementId { get; }
}

public enum EngineError
{
    InvalidCommand,
    InstanceNotActive,
    AlreadyStarted,
    TaskNotFound,
    TimerNotFound,
    CallNotFound,
    NoWaitingReceiver,
    InvalidOutcome,
    NoMatchingFlow,
    ExpressionFailed,
    InvalidDefinition,
    StepLimitExceeded,
}
