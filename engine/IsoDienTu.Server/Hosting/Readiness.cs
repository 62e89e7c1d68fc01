namespace IsoDienTu.Server.Hosting;

/// <summary>Set once the database is migrated and seeded; /health/ready reports it.</summary>
public sealed class Readiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
