using System.Collections.Immutable;
using System.Xml.Linq;
using IsoDienTu.Engine.Calendar;
using static IsoDienTu.Engine.Definitions.BpmnXml;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Maps one <c>process</c> element, sub-processes flattened into one node map.</summary>
internal static class ProcessReader
{
    private static readonly HashSet<string> EventNames =
        ["startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"];

    // Descriptive elements: documentation for people, nothing for the engine to run.
    private static readonly HashSet<string> Silent =
    [
        "documentation", "extensionElements", "laneSet", "lane", "dataObject", "dataObjectReference", "dataStoreReference",
        "dataInput", "dataOutput", "association", "textAnnotation", "group", "ioSpecification", "ioBinding", "property",
        "auditing", "monitoring", "supports", "correlationSubscription", "categoryValueRef", "supportedInterfaceRef",
        "performer", "humanPerformer", "potentialOwner", "resourceRole", "sequenceFlow",
        // children of a sub-process that describe the sub-process itself, read by Complete()
        "incoming", "outgoing", "multiInstanceLoopCharacteristics", "standardLoopCharacteristics",
        "dataInputAssociation", "dataOutputAssociation",
    ];

    public static (ProcessDefinition Process, BpmnSourceMap Source, IReadOnlyList<Diagnostic> Diagnostics) Read(
        XElement process, string key, DefinitionsIndex index, bool isExecutable)
    {
        var context = new ImportContext(index, isExecutable);
        context.Locate(key, process);
        var flows = ReadFlows(process, context);
        var nodes = ImmutableDictionary.CreateBuilder<string, FlowNode>(StringComparer.Ordinal);
        var links = new Links(flows.ToLookup(f => f.SourceId, f => f.Id), flows.ToLookup(f => f.TargetId, f => f.Id));
        ReadScope(process, null, links, nodes, context);

        var definition = new ProcessDefinition
        {
            Key = key,
            Name = IsoValues.NullIfBlank(Attr(process, "name")),
            IsExecutable = isExecutable,
            Procedure = Procedure(process),
            Nodes = nodes.ToImmutable(),
            Flows = flows.ToImmutableDictionary(f => f.Id, StringComparer.Ordinal),
            Messages = index.Names(),
        };
        return (definition, new BpmnSourceMap(context.Locations.ToImmutable(), context.Unsupported.ToImmutable()), context.Diagnostics);
    }

    private static ProcedureInfo Procedure(XElement process)
    {
        var attributes = IsoAttributes(process);
        if (attributes.IsEmpty)
        {
            return ProcedureInfo.Empty;
        }
        attributes.TryGetValue("deadline", out var deadline);
        attributes.TryGetValue("cutoff", out var cutoff);
        attributes.TryGetValue("supplementClock", out var clock);
        return new ProcedureInfo
        {
            ProcedureCode = IsoValues.NullIfBlank(attributes.GetValueOrDefault("procedureCode")),
            Deadline = WorkingDuration.TryParse(deadline?.Trim(), out var d) ? d : null,
            Cutoff = IsoValues.TryParseCutoff(cutoff, out var c) ? c : null,
            SupplementClock = IsoValues.TryParseSupplementClock(clock, out var s) ? s : SupplementClock.Restart,
            Level = IsoValues.NullIfBlank(attributes.GetValueOrDefault("level")),
            LegalBasis = IsoValues.NullIfBlank(attributes.GetValueOrDefault("legalBasis")),
            Attributes = attributes,
        };
    }

    private static List<SequenceFlow> ReadFlows(XElement process, ImportContext context)
    {
        var flows = new List<SequenceFlow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in process.Descendants(Model + "sequenceFlow"))
        {
            var source = Attr(element, "sourceRef")?.Trim() ?? "";
            var target = Attr(element, "targetRef")?.Trim() ?? "";
            var id = IsoValues.NullIfBlank(Attr(element, "id")) ?? Generated($"{source}->{target}", seen);
            if (!seen.Add(id))
            {
                continue;
            }
            context.Locate(id, element);
            flows.Add(new SequenceFlow(
                id,
                source,
                target,
                ChildText(element, "conditionExpression"),
                IsoValues.NullIfBlank(Attr(element, "name"))));
        }
        return flows;
    }

    private static void ReadScope(
        XElement container, string? scopeId, Links flows,
        ImmutableDictionary<string, FlowNode>.Builder nodes, ImportContext context)
    {
        foreach (var element in container.Elements())
        {
            var name = element.Name.LocalName;
            if (element.Name.Namespace != Model || Silent.Contains(name))
            {
                continue;
            }
            var id = Id(element, context);
            if (id is null)
            {
                continue;
            }
            context.Locate(id, element);

            var node = EventNames.Contains(name) ? EventReader.Read(element, id, context) : ActivityReader.Read(element, id, context);
            if (node is null)
            {
                MarkUnsupported(element, id, context);
                continue;
            }
            node = Complete(node, element, scopeId, flows, context);
            nodes.TryAdd(id, node);
            if (node is SubProcess)
            {
                ReadScope(element, id, flows, nodes, context);
            }
        }
    }

    private static FlowNode Complete(FlowNode node, XElement element, string? scopeId, Links flows, ImportContext context)
    {
        var iso = IsoAttributes(element);
        node = node with
        {
            Name = IsoValues.NullIfBlank(Attr(element, "name")),
            ScopeId = scopeId,
            Order = context.NextOrder(),
            Incoming = [.. flows.ByTarget[node.Id]],
            Outgoing = [.. flows.BySource[node.Id]],
            ClockExcluded = string.Equals(iso.GetValueOrDefault("clock")?.Trim(), "excluded", StringComparison.Ordinal),
            IsoAttributes = iso,
        };
        if (node is not Activity activity)
        {
            return node;
        }
        if (Child(element, "standardLoopCharacteristics") is { } loop)
        {
            context.ReportUnsupported(loop, node.Id, "standardLoopCharacteristics");
        }
        return activity with
        {
            MultiInstance = ActivityReader.MultiInstance(element),
            DefaultFlowId = IsoValues.NullIfBlank(Attr(element, "default")),
        };
    }

    /// <summary>Reported once; its descendants are left out too, so flows into them are not reported again.</summary>
    private static void MarkUnsupported(XElement element, string id, ImportContext context)
    {
        context.ReportUnsupported(element, id, element.Name.LocalName);
        context.Unsupported.Add(id);
        foreach (var inner in element.Descendants())
        {
            if (Attr(inner, "id") is { } innerId)
            {
                context.Locate(innerId, inner);
                if (inner.Name.LocalName != "sequenceFlow")
                {
                    context.Unsupported.Add(innerId);
                }
            }
        }
    }

    /// <summary>BPMN makes ids optional and engines accept flows without one; a stable id derived from the ends lets
    /// diagnostics and tokens refer to such a flow.</summary>
    private static string Generated(string baseId, HashSet<string> taken)
    {
        var id = baseId;
        for (var n = 2; taken.Contains(id); n++)
        {
            id = $"{baseId}#{n.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }
        return id;
    }

    private static string? Id(XElement element, ImportContext context)
    {
        var id = IsoValues.NullIfBlank(Attr(element, "id"));
        if (id is null)
        {
            context.Report(DiagnosticSeverity.Error, DiagnosticCodes.MissingId, element, null,
                $"A '{element.Name.LocalName}' element has no id.",
                $"Một phần tử “{element.Name.LocalName}” chưa có mã định danh (id).");
        }
        return id;
    }

    private sealed record Links(ILookup<string, string> BySource, ILookup<string, string> ByTarget);
}
