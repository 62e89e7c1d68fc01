using Npgsql;

namespace IsoDienTu.Engine.Postgres;

/// <summary>Domain errors the adapter raises; the HTTP edge maps them to problem details.</summary>
public class StoreException : Exception
{
    public StoreException(StoreError kind, string message, string? field = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Field = field;
    }

    public StoreException()
        : this(StoreError.Invalid, "The request was refused.")
    {
    }

    public StoreException(string message)
        : this(StoreError.Invalid, message)
    {
    }

    public StoreException(string message, Exception innerException)
        : this(StoreError.Invalid, message, null, innerException)
    {
    }

    public StoreError Kind { get; }

    /// <summary>The field or BPMN element at fault, when there is one.</summary>
    public string? Field { get; }

    /// <summary>Translates PostgreSQL errors by SQLSTATE so the rest of the code sees domain errors.</summary>
    public static Exception Translate(PostgresException e) => e.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => new StoreException(StoreError.Conflict, $"Already exists ({e.ConstraintName}).", e.ConstraintName, e),
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected =>
            new StoreException(StoreError.Conflict, "A concurrent change won; retry the request.", null, e),
        PostgresErrorCodes.ForeignKeyViolation => new StoreException(StoreError.Invalid, $"A referenced record does not exist ({e.ConstraintName}).", e.ConstraintName, e),
        PostgresErrorCodes.RaiseException => new StoreException(StoreError.Conflict, e.MessageText, null, e),
        _ => e,
    };
}

public enum StoreError
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
}
