using System.Net.Http.Json;
using System.Text.Json;
using IsoDienTu.Pages.Tests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;

namespace IsoDienTu.Pages.Tests;

/// <summary>The operations page after timers fire: firing lag, recorded due-work sweeps, and retrying a failed timer.</summary>
[Collection("pages")]
public sealed class OperationsTests(PagesFixture f)
{
    [Fact]
    public async Task After_timers_fire_the_lag_and_sweeps_show_and_a_failed_timer_is_retried()
    {
        var (code, _, due) = await f.ReceiveAsync("Mai Văn Hẹn Giờ");
        var (broken, _, _) = await f.ReceiveAsync("Lý Thị Hỏng");

        // One timer of the second dossier is parked as failed, as after five failed attempts.
        long failedId;
        await using (var db = new NpgsqlConnection(f.DatabaseConnectionString))
        {
            await db.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                update timers set status = 'failed', attempts = 5, last_error = 'lỗi thử nghiệm: engine timer not found'
                where id = (select t.id from timers t join dossiers d on d.id = t.dossier_id
                            where d.code = @code and t.status = 'pending' order by t.due_at limit 1)
                returning id
                """, db);
            cmd.Parameters.AddWithValue("code", broken);
            failedId = (long)(await cmd.ExecuteScalarAsync())!;
        }

        // The clock passes both dossiers' deadlines: their step and dossier timers fire.
        await f.SetClockAsync(due + TimeSpan.FromDays(1));
        using (var admin = await f.Server.SignInAsync("admin", ServerProcess.DefaultAdminPassword))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                var ops = await admin.GetFromJsonAsync<JsonElement>("/api/admin/operations");
                if (ops.GetProperty("runs").EnumerateArray().Any(r => r.GetProperty("dossierCode").GetString() == code)
                    && ops.GetProperty("sweeps").GetArrayLength() > 0)
                {
                    break;
                }

                DateTime.UtcNow.ShouldBeLessThan(deadline, "the timers did not fire");
                await Task.Delay(250);
            }
        }

        var page = await f.SignInAsync("admin", ServerProcess.DefaultAdminPassword);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Vận hành" }).WaitForAsync();
        await Assertions.Expect(page.Locator("#lag-p50")).Not.ToHaveTextAsync("p50 —");
        await Assertions.Expect(page.Locator("#sweeps-hour")).Not.ToHaveTextAsync("0");
        var sweep = page.Locator("#sweeps tbody tr").Filter(new() { HasText = "pages" }).First;
        await Assertions.Expect(sweep).ToBeVisibleAsync();
        (int.Parse(await sweep.Locator("td").Nth(4).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture)).ShouldBeGreaterThan(0);
        await Assertions.Expect(page.Locator("#timer-runs tr").Filter(new() { HasText = code }).First).ToBeVisibleAsync();

        // The failure is listed with its error; retry puts it back and the next sweep fires it.
        var failed = page.Locator("#failed tr").Filter(new() { HasText = broken });
        await Assertions.Expect(failed).ToContainTextAsync("lỗi thử nghiệm");
        await PagesFixture.ScreenshotAsync(page, "40-van-hanh-loi");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Chạy lại {failedId}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Chạy lại {failedId}" })).ToHaveCountAsync(0);
        var fired = page.Locator("#timer-runs tbody tr").Filter(new() { Has = page.Locator("td:first-child", new() { HasTextRegex = new($"^{failedId}$") }) });
        for (var i = 0; i < 40 && await fired.CountAsync() == 0; i++)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Vận hành" }).WaitForAsync();
        }

        await Assertions.Expect(fired).ToContainTextAsync(broken);
        await PagesFixture.ScreenshotAsync(page, "41-van-hanh-chay-lai");
    }
}
