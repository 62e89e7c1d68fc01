using System.Collections.Immutable;
using IsoDienTu.Engine.Calendar;
using IsoDienTu.Engine.Definitions;

namespace IsoDienTu.Engine.Tests.Definitions;

/// <summary>Built by hand rather than imported, so the arithmetic is tested while the calendar parser is a stub.</summary>
public class DeadlineBudgetTests
{
    private static readonly WorkingDuration OneDay = new(1, TimeSpan.Zero);
    private static readonly WorkingDuration FourHours = new(0, TimeSpan.FromHours(4));

    [Fact]
    public void LinearSteps_SumInWorkingHours()
    {
        var process = Build(
            [Start("s"), Task("a", OneDay), Task("b", FourHours), End("e")],
            [("s", "a"), ("a", "b"), ("b", "e")]);

        DeadlineBudget.Compute(process).ShouldBe(12);
    }

    [Fact]
    public void ParallelBranches_LongestCounts_LoopBackEdgeIgnored()
    {
        var process = Build(
            [Start("s"), Gw("split"), Task("short", FourHours), Task("long", OneDay), Gw("join"), Task("fix", OneDay), End("e")],
            [("s", "split"), ("split", "short"), ("split", "long"), ("short", "join"), ("long", "join"), ("join", "fix"), ("fix", "split"), ("join", "e")]);

        DeadlineBudget.Compute(process).ShouldBe(16);
    }

    [Fact]
    public void ClockExcludedStep_DoesNotCount_SubProcessCountsItsInnerPath()
    {
        var process = Build(
            [
                Start("s"), Task("a", OneDay) with { ClockExcluded = true }, new SubProcess { Id = "sub" },
                Start("subStart") with { ScopeId = "sub" }, Task("inner", FourHours) with { ScopeId = "sub" }, End("subEnd") with { ScopeId = "sub" },
                End("e"),
            ],
            [("s", "a"), ("a", "sub"), ("subStart", "inner"), ("inner", "subEnd"), ("sub", "e")]);

        DeadlineBudget.Compute(process).ShouldBe(4);
    }

    [Fact]
    public void BoundaryPath_ContinuesFromItsHost()
    {
        var process = Build(
            [Start("s"), Task("a", FourHours), new BoundaryEvent { Id = "late", AttachedToId = "a", Trigger = EventTrigger.None }, Task("escalate", OneDay), End("e")],
            [("s", "a"), ("a", "e"), ("late", "escalate"), ("escalate", "e")]);

        DeadlineBudget.Compute(process).ShouldBe(12);
    }

    private static StartEvent Start(string id) => new() { Id = id };

    private static EndEvent End(string id) => new() { Id = id };

    private static Gateway Gw(string id) => new() { Id = id, Kind = GatewayKind.Parallel };

    private static UserTask Task(string id, WorkingDuration allotment) => new() { Id = id, Allotment = allotment };

    private static ProcessDefinition Build(FlowNode[] nodes, (string From, string To)[] edges)
    {
        var flows = edges.Select((e, i) => new SequenceFlow($"f{i}", e.From, e.To)).ToList();
        return new ProcessDefinition
        {
            Key = "p",
            Nodes = nodes.Select((n, i) => n with
            {
                Order = i,
                Incoming = [.. flows.Where(f => f.TargetId == n.Id).Select(f => f.Id)],
                Outgoing = [.. flows.Where(f => f.SourceId == n.Id).Select(f => f.Id)],
            }).ToImmutableDictionary(n => n.Id, StringComparer.Ordinal),
            Flows = flows.ToImmutableDictionary(f => f.Id, StringComparer.Ordinal),
        };
    }
}
