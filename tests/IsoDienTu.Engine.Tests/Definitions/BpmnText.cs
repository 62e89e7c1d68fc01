namespace IsoDienTu.Engine.Tests.Definitions;

/// <summary>Builds small BPMN documents for tests: one executable process in our iso namespace.</summary>
internal static class BpmnText
{
    public static string Process(string body, string processAttributes = "", string definitionsBody = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                     xmlns:iso="urn:isodientu:bpmn:1"
                     xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     id="defs" targetNamespace="urn:test">
          {definitionsBody}
          <process id="p" name="Thủ tục thử" isExecutable="true" {processAttributes}>
            {body}
          </process>
        </definitions>
        """;

    /// <summary>start → the given task(s) body → end, with the flows the caller names in the body.</summary>
    public static string Linear(string taskXml, string taskId = "t", string processAttributes = "") => Process($"""
        <startEvent id="start" />
        <sequenceFlow id="f1" sourceRef="start" targetRef="{taskId}" />
        {taskXml}
        <sequenceFlow id="f2" sourceRef="{taskId}" targetRef="end" />
        <endEvent id="end" />
        """, processAttributes);
}
