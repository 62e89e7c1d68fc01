namespace IsoDienTu.Engine.Definitions;

public sealed record BpmnImportOptions
{
    public static readonly BpmnImportOptions Default = new();

    /// <summary>Largest accepted document; a stream is read no further than this.</summary>
    public long MaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Working hours in one working day, for the deadline budget check (DOMAIN: 1 working day = 8 hours).</summary>
    public double HoursPerWorkingDay { get; init; } = 8;
}
