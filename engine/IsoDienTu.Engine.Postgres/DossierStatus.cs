using IsoDienTu.Engine.Definitions;
using IsoDienTu.Engine.Runtime;

namespace IsoDienTu.Engine.Postgres;

/// <summary>
/// A dossier's status, derived from where its tokens rest. An element may name the status it stands for
/// (<c>iso:status</c>, e.g. "resultIssued" on the hand-over step, "refused" on an end event); supplement waits and
/// excluded (financial-obligation) steps have their own status by default.
/// </summary>
public static class DossierStatus
{
    public const string Received = "received";
    public const string Processing = "processing";
    public const string WaitingForSupplement = "waitingForSupplement";
    public const string AwaitingFinancialObligation = "awaitingFinancialObligation";
    public const string ResultIssued = "resultIssued";
    public const string Completed = "completed";
    public const string Refused = "refused";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All =
        [Received, Processing, WaitingForSupplement, AwaitingFinancialObligation, ResultIssued, Completed, Refused, Withdrawn];

    /// <summary>The national portal's (DVCQG) status codes, domain notes §1 "Statuses".</summary>
    public static int PortalCode(string status) => status switch
    {
        Received => 2,
        Processing => 4,
        WaitingForSupplement => 5,
        AwaitingFinancialObligation => 6,
        Withdrawn => 7,
        ResultIssued => 9,
        Completed => 10,
        Refused => 3,
        _ => 4,
    };

    public static string Derive(ProcessDefinition definition, InstanceState state, IEnumerable<EngineEvent> events)
    {
        switch (state.Status)
        {
            case InstanceStatus.Cancelled:
                return Withdrawn;
            case InstanceStatus.Completed or InstanceStatus.Terminated:
                var endedAt = events.OfType<NodeEntered>().LastOrDefault(e => definition.Node(e.ElementId) is EndEvent);
                return endedAt is not null && Declared(definition.Node(endedAt.ElementId)) == Refused ? Refused : Completed;
        }

        var nodes = state.Tokens.Select(t => definition.Node(t.ElementId)).ToList();
        if (nodes.Any(n => n is IntermediateCatchEvent { IsSupplementWait: true }))
        {
            return WaitingForSupplement;
        }

        if (nodes.Select(Declared).FirstOrDefault(s => s is not null) is { } declared)
        {
            return declared;
        }

        if (nodes.Any(n => n.ClockExcluded))
        {
            return AwaitingFinancialObligation;
        }

        return state.Revision <= 1 ? Received : Processing;
    }

    private static string? Declared(FlowNode node) =>
        node.IsoAttributes.TryGetValue("status", out var status) && All.Contains(status) ? status : null;
}
