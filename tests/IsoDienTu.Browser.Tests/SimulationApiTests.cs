using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IsoDienTu.Browser.Tests.Infrastructure;

namespace IsoDienTu.Browser.Tests;

/// <summary>POST /api/simulations: the interpreter in simulated time, in memory, for the designer's "Mô phỏng".</summary>
public sealed class SimulationApiTests(DesignerServer server) : IClassFixture<DesignerServer>
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:iso="urn:isodientu:bpmn:1" id="d" targetNamespace="urn:t">
          <process id="sim" name="Mô phỏng" isExecutable="true" iso:procedureCode="1.000777" iso:deadline="P1D">
            <startEvent id="s" />
            <sequenceFlow id="f1" sourceRef="s" targetRef="a" />
            <userTask id="a" name="Thẩm định" iso:unit="PQL" iso:role="specialist" iso:allotment="PT4H" iso:outcomes="approve,refuse" />
            <sequenceFlow id="f2" sourceRef="a" targetRef="g" />
            <exclusiveGateway id="g" default="f4" />
            <sequenceFlow id="f3" sourceRef="g" targetRef="no"><conditionExpression>outcome == 'refuse'</conditionExpression></sequenceFlow>
            <sequenceFlow id="f4" sourceRef="g" targetRef="b" />
            <userTask id="b" name="Ký duyệt" iso:unit="LD" iso:role="leader" iso:allotment="PT4H" />
            <sequenceFlow id="f5" sourceRef="b" targetRef="yes" />
            <endEvent id="yes" />
            <endEvent id="no" iso:status="refused" />
          </process>
        </definitions>
        """;

    [Fact]
    public async Task Steps_are_replayed_with_due_times_and_lateness_and_nothing_is_stored()
    {
        using var designer = await server.ClientAsync("thietke");
        // Monday 2026-11-23 08:00 (UTC+7): 4 working hours later is 14:00 (3.5 h before the lunch break, 0.5 h after).
        var start = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(7));
        var response = await designer.PostAsJsonAsync("/api/simulations", new
        {
            bpmn = Bpmn,
            start,
            steps = new object[]
            {
                new { elementId = "a", outcome = "approve", at = start.AddHours(3) },
                new { elementId = "b", outcome = (string?)null, at = start.AddDays(2) },
            },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("status").GetString().ShouldBe("Completed");
        result.GetProperty("statutoryDueAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.FromHours(7)));
        result.GetProperty("lateOverall").GetBoolean().ShouldBeTrue();
        var tasks = result.GetProperty("tasks").EnumerateArray().ToList();
        tasks.Select(t => t.GetProperty("elementId").GetString()).ShouldBe(["a", "b"]);
        tasks[0].GetProperty("late").GetBoolean().ShouldBeFalse();
        tasks[0].GetProperty("dueAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.FromHours(7)));
        tasks[1].GetProperty("late").GetBoolean().ShouldBeTrue();

        using var admin = await server.ClientAsync("admin", DesignerServer.AdminPassword);
        (await admin.GetFromJsonAsync<JsonElement>("/api/definitions")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_step_that_is_not_waiting_is_refused_and_officers_may_not_simulate()
    {
        using var designer = await server.ClientAsync("thietke");
        var wrong = await designer.PostAsJsonAsync("/api/simulations", new { bpmn = Bpmn, steps = new[] { new { elementId = "b", outcome = "approve" } } });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("steps[0].elementId");

        using var officer = await server.ClientAsync("chuyenvien");
        (await officer.PostAsJsonAsync("/api/simulations", new { bpmn = Bpmn })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
