namespace IsoDienTu.Server.Tests.Infrastructure;

/// <summary>
/// The suites that run several real server processes (and sometimes a PostgreSQL of their own) share the CPU with
/// nothing else of theirs: on a two-core CI machine two of them side by side would only slow each other past their
/// deadlines. They still run beside the in-process suites.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ServerProcesses
{
    public const string Name = "Server processes";
}
