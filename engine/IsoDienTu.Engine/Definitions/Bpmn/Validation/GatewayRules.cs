namespace IsoDienTu.Engine.Definitions;

/// <summary>Splits that can get stuck, default flows that are not outgoing, event-based gateways racing non-events.</summary>
internal static class GatewayRules
{
    public static void Check(Findings findings)
    {
        var process = findings.Process;
        foreach (var node in process.Nodes.Values.OrderBy(n => n.Order))
        {
            var defaultFlow = node switch
            {
                Gateway g => g.DefaultFlowId,
                Activity a => a.DefaultFlowId,
                _ => null,
            };
            if (defaultFlow is not null && !node.Outgoing.Contains(defaultFlow))
            {
                findings.Error(DiagnosticCodes.DefaultFlowInvalid, node.Id,
                    $"'{Findings.Label(node)}': default flow '{defaultFlow}' is not one of its outgoing sequence flows.",
                    $"“{Findings.Label(node)}”: luồng mặc định “{defaultFlow}” không phải là luồng đi ra của phần tử này.");
            }
            if (node is Gateway gateway)
            {
                Check(findings, gateway);
            }
        }
    }

    private static void Check(Findings findings, Gateway gateway)
    {
        var process = findings.Process;
        var outgoing = gateway.Outgoing.Where(process.Flows.ContainsKey).Select(process.Flow).ToList();
        if (gateway.Kind is GatewayKind.Exclusive or GatewayKind.Inclusive
            && outgoing.Count > 1 && gateway.DefaultFlowId is null && outgoing.Any(f => f.Condition is not null))
        {
            findings.Warning(DiagnosticCodes.SplitWithoutDefault, gateway.Id,
                $"Gateway '{Findings.Label(gateway)}' has conditional outgoing flows but no default flow; if no condition holds the dossier gets stuck.",
                $"Cổng rẽ nhánh “{Findings.Label(gateway)}” có điều kiện nhưng chưa có luồng mặc định; nếu không điều kiện nào đúng, hồ sơ sẽ bị kẹt.");
        }
        if (gateway.Kind != GatewayKind.EventBased)
        {
            return;
        }
        foreach (var flow in outgoing)
        {
            if (!process.Nodes.TryGetValue(flow.TargetId, out var target) || IsRaceable(target))
            {
                continue;
            }
            findings.Error(DiagnosticCodes.EventGatewayTarget, gateway.Id,
                $"Event-based gateway '{Findings.Label(gateway)}' leads to '{Findings.Label(target)}', which is not a message, timer or signal catch event or a receive task.",
                $"Cổng sự kiện “{Findings.Label(gateway)}” dẫn tới “{Findings.Label(target)}”, nhưng sau cổng sự kiện chỉ được là sự kiện chờ thông điệp, hẹn giờ, tín hiệu hoặc bước nhận thông điệp.");
        }
    }

    private static bool IsRaceable(FlowNode node) =>
        node is ReceiveTask
        || node is IntermediateCatchEvent { Trigger: MessageTrigger or TimerTrigger or SignalTrigger };
}
