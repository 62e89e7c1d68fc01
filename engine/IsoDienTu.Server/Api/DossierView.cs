using System.Text.Json;
using IsoDienTu.Engine.Postgres;
using IsoDienTu.Engine.Runtime;

namespace IsoDienTu.Server.Api;

/// <summary>What the API shows of a dossier.</summary>
public sealed record DossierView(
    string Code,
    string Status,
    int PortalStatus,
    string ProcedureKey,
    int ProcedureVersion,
    string Channel,
    JsonElement Applicant,
    JsonElement Documents,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? OriginalDueAt,
    DateTimeOffset? ClockStoppedAt,
    DateTimeOffset? FinishedAt,
    bool Late,
    int ApologyCount,
    IReadOnlyList<string> ActiveSteps,
    JsonElement? MissingDocuments,
    int Version)
{
    public static DossierView From(DossierRow d)
    {
        var state = EngineJson.Deserialize<InstanceState>(d.State);
        return new DossierView(d.Code, d.Status, DossierStatus.PortalCode(d.Status), d.DefinitionKey, d.DefinitionVersion, d.Channel,
            JsonDocument.Parse(d.Applicant).RootElement.Clone(), JsonDocument.Parse(d.Documents).RootElement.Clone(),
            d.ReceivedAt, d.DueAt, d.OriginalDueAt, d.ClockStoppedAt, d.FinishedAt, d.Late, d.ApologyCount, [.. state.ActiveElementIds],
            d.Status == DossierStatus.WaitingForSupplement && state.Variables.TryGetValue("missingDocuments", out var missing) ? missing : null,
            d.Version);
    }
}
