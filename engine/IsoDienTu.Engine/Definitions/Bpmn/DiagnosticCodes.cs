namespace IsoDienTu.Engine.Definitions;

/// <summary>Stable codes of import and validation findings (the designer and the docs key on them).</summary>
public static class DiagnosticCodes
{
    public const string NotXml = "BPMN001";
    public const string InvalidEncoding = "BPMN002";
    public const string TooLarge = "BPMN003";
    public const string NotBpmn = "BPMN004";
    public const string Unsupported = "BPMN005";
    public const string DuplicateId = "BPMN006";
    public const string MissingId = "BPMN007";
    public const string InternalError = "BPMN009";

    public const string FlowEndpointMissing = "BPMN010";
    public const string BoundaryHostMissing = "BPMN011";
    public const string NoStartEvent = "BPMN012";
    public const string StartWithIncoming = "BPMN013";
    public const string EndWithOutgoing = "BPMN014";
    public const string NoOutgoing = "BPMN015";
    public const string Unreachable = "BPMN016";

    public const string NoAssignment = "BPMN020";
    public const string UnitWithoutRole = "BPMN021";
    public const string InvalidDeadline = "BPMN022";
    public const string InvalidAllotment = "BPMN023";
    public const string InvalidCutoff = "BPMN024";
    public const string InvalidSupplementClock = "BPMN025";
    public const string InvalidVersion = "BPMN026";

    public const string InvalidExpression = "BPMN030";
    public const string InvalidTimer = "BPMN031";

    public const string SplitWithoutDefault = "BPMN040";
    public const string EventGatewayTarget = "BPMN041";
    public const string DefaultFlowInvalid = "BPMN042";
    public const string CalledElementMissing = "BPMN043";
    public const string MultiInstanceUnbounded = "BPMN044";

    public const string BudgetExceedsDeadline = "BPMN050";
}
