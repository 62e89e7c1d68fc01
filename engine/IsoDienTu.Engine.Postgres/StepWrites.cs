using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace IsoDienTu.Engine.Postgres;

/// <summary>
/// The writes of one engine step, queued and sent to PostgreSQL as one batch — one round trip — when the step
/// needs them done: before a read that depends on them, and at the end of the step. A task completion thus costs
/// three round trips in all (lock, writes, commit) however many rows its effects touch; each used to be its own.
/// Statements run in the order queued, in the step's transaction; the first error aborts the batch and surfaces
/// from <see cref="FlushAsync"/>.
/// </summary>
internal sealed class StepWrites(NpgsqlConnection connection, NpgsqlTransaction tx)
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    // Dapper builds a row parser by emitting IL on every GetRowParser call; one statement always returns the same
    // columns, so its parser is built once (per process) and kept.
    private static readonly ConcurrentDictionary<(Type, string), Delegate> Parsers = new();
    private readonly List<Queued> _queued = [];

    public NpgsqlConnection Connection => connection;

    public NpgsqlTransaction Transaction => tx;

    /// <summary>
    /// Queues a statement with Dapper-style parameters (an object's properties by name). <paramref name="check"/>,
    /// when given, sees the rows the statement affected once the batch has run, and may throw.
    /// </summary>
    public void Add(string sql, object parameters, Action<int>? check = null) =>
        _queued.Add(new Queued(Command(sql, parameters), check, null));

    /// <summary>Queues a statement returning exactly one row; its value is read when the batch runs.</summary>
    public Row<T> AddSingle<T>(string sql, object parameters)
    {
        var row = new Row<T>();
        _queued.Add(new Queued(Command(sql, parameters), null, async reader =>
        {
            var parse = (Func<DbDataReader, T>)Parsers.GetOrAdd((typeof(T), sql), _ => reader.GetRowParser<T>());
            if (!await reader.ReadAsync())
            {
                throw new InvalidOperationException("The statement returned no row.");
            }

            row.Value = parse(reader);
        }));
        return row;
    }

    /// <summary>Runs what is queued, if anything, as one batch.</summary>
    public async Task FlushAsync()
    {
        if (_queued.Count == 0)
        {
            return;
        }

        var queued = _queued.ToArray();
        _queued.Clear();
        await using var batch = new NpgsqlBatch(connection, tx);
        foreach (var q in queued)
        {
            batch.BatchCommands.Add(q.Command);
        }

        await using (var reader = await batch.ExecuteReaderAsync())
        {
            // Statements without rows produce no result set: the reader's result sets are those of the queued
            // row-returning statements, in order.
            var first = true;
            foreach (var q in queued)
            {
                if (q.Read is null)
                {
                    continue;
                }

                if (!first && !await reader.NextResultAsync())
                {
                    throw new InvalidOperationException("A queued statement returned no result set.");
                }

                first = false;
                await q.Read(reader);
            }

            // Drain the rest so that an error of a later statement surfaces here.
            while (await reader.NextResultAsync())
            {
            }
        }

        foreach (var q in queued)
        {
            q.Check?.Invoke(q.Command.RecordsAffected);
        }
    }

    private static NpgsqlBatchCommand Command(string sql, object parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var property in Properties.GetOrAdd(parameters.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
        {
            command.Parameters.Add(Parameter(property.Name, property.PropertyType, property.GetValue(parameters)));
        }

        return command;
    }

    /// <summary>As Dapper binds them here: instants as UTC timestamptz, nulls typed by the declared type.</summary>
    private static NpgsqlParameter Parameter(string name, Type declared, object? value)
    {
        var parameter = new NpgsqlParameter(name, value switch
        {
            null => DBNull.Value,
            DateTimeOffset instant => instant.ToUniversalTime(),
            _ => value,
        });
        if (value is null && NullType(Nullable.GetUnderlyingType(declared) ?? declared) is { } type)
        {
            parameter.NpgsqlDbType = type;
        }

        return parameter;
    }

    private static NpgsqlDbType? NullType(Type type) =>
        type == typeof(string) ? NpgsqlDbType.Text
        : type == typeof(DateTimeOffset) ? NpgsqlDbType.TimestampTz
        : type == typeof(long) ? NpgsqlDbType.Bigint
        : type == typeof(int) ? NpgsqlDbType.Integer
        : type == typeof(bool) ? NpgsqlDbType.Boolean
        : type == typeof(double) ? NpgsqlDbType.Double
        : type == typeof(string[]) ? NpgsqlDbType.Array | NpgsqlDbType.Text
        : null;

    private sealed record Queued(NpgsqlBatchCommand Command, Action<int>? Check, Func<DbDataReader, Task>? Read);

    /// <summary>A row a queued statement returns, there once the batch has run.</summary>
    internal sealed class Row<T>
    {
        public T Value
        {
            get => HasValue ? field! : throw new InvalidOperationException("The batch has not run yet.");
            set
            {
                field = value;
                HasValue = true;
            }
        }

        public bool HasValue { get; private set; }
    }
}
