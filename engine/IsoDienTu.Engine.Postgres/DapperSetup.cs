using System.Data;
using System.Runtime.CompilerServices;
using Dapper;

namespace IsoDienTu.Engine.Postgres;

/// <summary>Dapper conventions for this schema: snake_case columns, timestamptz as UTC instants.</summary>
internal static class DapperSetup
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Dapper's global type map must be set before any query runs.")]
    internal static void Initialize()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new InstantHandler());
    }

    /// <summary>Npgsql writes only UTC instants to timestamptz and reads them as UTC DateTime.</summary>
    private sealed class InstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            DateTimeOffset dto => dto,
            _ => throw new DataException($"Cannot read {value.GetType().Name} as an instant."),
        };
    }
}
