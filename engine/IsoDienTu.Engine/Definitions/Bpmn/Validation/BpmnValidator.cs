using System.Collections.Immutable;

namespace IsoDienTu.Engine.Definitions;

/// <summary>Checks a process before it may run. Every finding names the element and says what to fix, in English
/// and Vietnamese. <see cref="BpmnImporter"/> runs it for every process it reads.</summary>
public static class BpmnValidator
{
    public static ImmutableArray<Diagnostic> Validate(ProcessDefinition process, BpmnSourceMap? source = null, double hoursPerWorkingDay = 8)
    {
        ArgumentNullException.ThrowIfNull(process);
        var findings = new Findings(process, source ?? BpmnSourceMap.Empty);
        StructureRules.Check(findings);
        ReachabilityRule.Check(findings);
        AssignmentRules.Check(findings);
        ProcedureRules.Check(findings, hoursPerWorkingDay);
        ExpressionRules.Check(findings);
        TimerRules.Check(findings);
        GatewayRules.Check(findings);
        ActivityRules.Check(findings);
        return findings.ToImmutable();
    }
}
