using System.Xml.Linq;
using static IsoDienTu.Engine.Definitions.BpmnXml;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Start, end, intermediate and boundary events with their event definitions.</summary>
internal static class EventReader
{
    public static FlowNode Read(XElement element, string id, ImportContext context)
    {
        var trigger = Trigger(element, id, context);
        return element.Name.LocalName switch
        {
            "startEvent" => new StartEvent { Id = id, Trigger = trigger, IsInterrupting = !IsoValues.IsFalse(Attr(element, "isInterrupting")) },
            "endEvent" => new EndEvent { Id = id, Trigger = trigger },
            "intermediateCatchEvent" => new IntermediateCatchEvent
            {
                Id = id,
                Trigger = trigger,
                WaitsFor = IsoValues.NullIfBlank(IsoAttr(element, "waitsFor")),
            },
            "intermediateThrowEvent" => new IntermediateThrowEvent { Id = id, Trigger = trigger },
            _ => new BoundaryEvent
            {
                Id = id,
                Trigger = trigger,
                AttachedToId = Attr(element, "attachedToRef")?.Trim() ?? "",
                CancelActivity = !IsoValues.IsFalse(Attr(element, "cancelActivity")),
            },
        };
    }

    private static EventTrigger Trigger(XElement element, string id, ImportContext context)
    {
        var definitions = element.Elements()
            .Where(e => e.Name.Namespace == Model && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal))
            .ToList();
        if (definitions.Count == 0)
        {
            return EventTrigger.None;
        }
        if (definitions.Count > 1)
        {
            context.ReportUnsupported(element, id, "multiple event definitions");
            return new UnsupportedTrigger("multiple");
        }

        var definition = definitions[0];
        var index = context.Index;
        switch (definition.Name.LocalName)
        {
            case "messageEventDefinition":
                return new MessageTrigger(index.NameOr(Attr(definition, "messageRef"), id));
            case "signalEventDefinition":
                return new SignalTrigger(index.NameOr(Attr(definition, "signalRef"), id));
            case "escalationEventDefinition":
                return new EscalationTrigger(Code(index, Attr(definition, "escalationRef")));
            case "errorEventDefinition":
                return new ErrorTrigger(Code(index, Attr(definition, "errorRef")));
            case "terminateEventDefinition":
                return new TerminateTrigger();
            case "timerEventDefinition":
                return Timer(element, definition);
            default:
                var kind = definition.Name.LocalName[..^"EventDefinition".Length];
                context.ReportUnsupported(definition, id, $"{kind} event");
                return new UnsupportedTrigger(kind);
        }
    }

    /// <summary>Null (catch all) when there is no reference; the code when declared; else the reference itself.</summary>
    private static string? Code(DefinitionsIndex index, string? reference) =>
        string.IsNullOrWhiteSpace(reference) ? null
        : index.TryResolve(reference, out var code) ? code
        : reference;

    private static TimerTrigger Timer(XElement element, XElement definition)
    {
        var workingTime = string.Equals(IsoAttr(definition, "calendar")?.Trim(), "working", StringComparison.Ordinal)
            || Vendor(definition, "businessCalendarName") is not null
            || Vendor(element, "businessCalendarName") is not null;
        if (ChildText(definition, "timeDate") is { } date)
        {
            return new TimerTrigger(TimerKind.Date, date, workingTime);
        }
        if (ChildText(definition, "timeCycle") is { } cycle)
        {
            return new TimerTrigger(TimerKind.Cycle, cycle, workingTime);
        }
        return new TimerTrigger(TimerKind.Duration, ChildText(definition, "timeDuration") ?? "", workingTime);
    }
}
