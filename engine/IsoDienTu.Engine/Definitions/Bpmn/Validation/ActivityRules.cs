namespace IsoDienTu.Engine.Definitions;

/// <summary>Call activities must say what they call; multi-instance activities must say how many instances.</summary>
internal static class ActivityRules
{
    public static void Check(Findings findings)
    {
        foreach (var node in findings.Process.Nodes.Values.OrderBy(n => n.Order))
        {
            if (node is CallActivity { CalledElement.Length: 0 })
            {
                findings.Error(DiagnosticCodes.CalledElementMissing, node.Id,
                    $"Call activity '{Findings.Label(node)}' does not say which process it calls (calledElement).",
                    $"Bước gọi quy trình “{Findings.Label(node)}” chưa chỉ rõ quy trình được gọi (calledElement).");
            }
            if (node is Activity { MultiInstance: { LoopCardinality: null, Collection: null } })
            {
                findings.Error(DiagnosticCodes.MultiInstanceUnbounded, node.Id,
                    $"Multi-instance '{Findings.Label(node)}' has neither a loop cardinality nor a collection, so the number of instances is unknown.",
                    $"Bước lặp nhiều lần “{Findings.Label(node)}” chưa có số lần lặp (loopCardinality) hoặc danh sách lặp (collection).");
            }
        }
    }
}
