using System.Collections.Immutable;
using System.Text.Json;
using IsoDienTu.Engine.Calendar;

namespace IsoDienTu.Engine.Postgres;

public sealed record Applicant(string Name, string? IdNumber = null, string? Phone = null, string? Address = null, string? Email = null);

public sealed record StartDossierRequest(
    string ProcedureKey,
    Applicant Applicant,
    ReceptionChannel Channel = ReceptionChannel.Direct,
    IReadOnlyList<string>? Documents = null,
    ImmutableDictionary<string, JsonElement>? Variables = null,
    string? AgencyCode = null);

public sealed record DossierRow
{
    public long Id { get; init; }
    public required string Code { get; init; }
    public required string DefinitionKey { get; init; }
    public int DefinitionVersion { get; init; }
    public required string Status { get; init; }
    public required string Channel { get; init; }
    public required string Applicant { get; init; }
    public required string Documents { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? OriginalDueAt { get; init; }
    /// <summary>Set while the statutory clock is stopped (supplement wait, excluded step): the dossier is not late meanwhile.</summary>
    public DateTimeOffset? ClockStoppedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public DateTimeOffset? ResultReturnedAt { get; init; }
    public string? UnitCode { get; init; }
    public bool Late { get; init; }
    public int ApologyCount { get; init; }
    public long? ParentDossierId { get; init; }
    public long? ParentCallId { get; init; }
    public required string State { get; init; }
    public int Version { get; init; }
    public required string LookupSecret { get; init; }
}

public sealed record TaskRow
{
    public long Id { get; init; }
    public long DossierId { get; init; }
    public string DossierCode { get; init; } = "";
    public string Kind { get; init; } = "step";
    public long? LocalId { get; init; }
    public required string ElementId { get; init; }
    public required string Name { get; init; }
    public string? UnitCode { get; init; }
    public string? Role { get; init; }
    public string? Assignee { get; init; }
    public string[] CandidateGroups { get; init; } = [];
    public string[] CandidateUsers { get; init; } = [];
    public required string Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public bool Overdue { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? CompletedBy { get; init; }
    public string? Outcome { get; init; }
    public string? Comment { get; init; }
    public int Version { get; init; }
}
