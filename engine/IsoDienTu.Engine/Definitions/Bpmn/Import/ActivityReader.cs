using System.Xml.Linq;
using IsoDienTu.Engine.Calendar;
using static IsoDienTu.Engine.Definitions.BpmnXml;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Tasks, call activities, sub-processes and gateways (the node itself, not its children).</summary>
internal static class ActivityReader
{
    public static FlowNode? Read(XElement element, string id, ImportContext context) => element.Name.LocalName switch
    {
        "userTask" => UserTask(element, id),
        "task" or "serviceTask" or "scriptTask" or "manualTask" or "sendTask" or "businessRuleTask" =>
            new AutomaticTask { Id = id, TaskType = element.Name.LocalName, Action = IsoValues.NullIfBlank(IsoAttr(element, "action")) },
        "receiveTask" => new ReceiveTask { Id = id, MessageName = context.Index.NameOr(Attr(element, "messageRef"), "") },
        "subProcess" => new SubProcess { Id = id, TriggeredByEvent = IsoValues.IsTrue(Attr(element, "triggeredByEvent")) },
        "callActivity" => CallActivity(element, id, context),
        "exclusiveGateway" => Gateway(element, id, GatewayKind.Exclusive),
        "parallelGateway" => Gateway(element, id, GatewayKind.Parallel),
        "inclusiveGateway" => Gateway(element, id, GatewayKind.Inclusive),
        "eventBasedGateway" => Gateway(element, id, GatewayKind.EventBased),
        _ => null,
    };

    public static MultiInstance? MultiInstance(XElement element)
    {
        var loop = Child(element, "multiInstanceLoopCharacteristics");
        if (loop is null)
        {
            return null;
        }
        var item = Child(loop, "inputDataItem");
        return new MultiInstance
        {
            IsSequential = IsoValues.IsTrue(Attr(loop, "isSequential")),
            LoopCardinality = ChildText(loop, "loopCardinality"),
            Collection = IsoValues.NullIfBlank(Vendor(loop, "collection")) ?? ChildText(loop, "loopDataInputRef")
                ?? IsoValues.NullIfBlank(Zeebe(loop, "loopCharacteristics", "inputCollection")),
            ElementVariable = IsoValues.NullIfBlank(Vendor(loop, "elementVariable"))
                ?? IsoValues.NullIfBlank(item is null ? null : Attr(item, "name") ?? Attr(item, "id"))
                ?? IsoValues.NullIfBlank(Zeebe(loop, "loopCharacteristics", "inputElement")),
            CompletionCondition = ChildText(loop, "completionCondition"),
        };
    }

    private static UserTask UserTask(XElement element, string id)
    {
        var allotmentText = IsoAttr(element, "allotment");
        return new UserTask
        {
            Id = id,
            Assignment = AssignmentReader.Read(element),
            Allotment = WorkingDuration.TryParse(allotmentText?.Trim(), out var allotment) ? allotment : null,
            DueDate = IsoValues.NullIfBlank(Vendor(element, "dueDate")),
            Outcomes = IsoValues.List(IsoAttr(element, "outcomes")),
        };
    }

    private static CallActivity CallActivity(XElement element, string id, ImportContext context)
    {
        var pinned = string.Equals(Vendor(element, "calledElementBinding")?.Trim(), "version", StringComparison.Ordinal);
        var versionText = pinned ? Vendor(element, "calledElementVersion") : IsoAttr(element, "version");
        int? version = null;
        if (versionText is not null)
        {
            if (IsoValues.TryParseVersion(versionText, out var parsed))
            {
                version = parsed;
            }
            else
            {
                context.Report(
                    context.IsExecutable ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                    DiagnosticCodes.InvalidVersion, element, id,
                    $"Call activity '{id}': version '{versionText}' is not a positive whole number.",
                    $"Bước gọi quy trình “{id}”: phiên bản “{versionText}” không phải là số nguyên dương.");
            }
        }
        return new CallActivity { Id = id, CalledElement = IsoValues.NullIfBlank(Attr(element, "calledElement"))
            ?? IsoValues.NullIfBlank(Zeebe(element, "calledElement", "processId")) ?? "", CalledVersion = version };
    }

    private static Gateway Gateway(XElement element, string id, GatewayKind kind) =>
        new() { Id = id, Kind = kind, DefaultFlowId = IsoValues.NullIfBlank(Attr(element, "default")) };
}
