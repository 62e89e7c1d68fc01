using IsoDienTu.Pages.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IsoDienTu.Pages.Tests;

/// <summary>The header's bell answers a click made before the notifications have arrived.</summary>
[Collection("pages")]
public sealed class NotificationPanelTests(PagesFixture f)
{
    [Fact]
    public async Task The_bell_opens_the_panel_before_the_list_arrives_and_the_list_fills_it_in()
    {
        var page = await f.SignInAsync("head1");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/notifications", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync(f.Url("/app/hop-viec"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Thông báo" }).ClickAsync();
        var panel = page.Locator("#notifications");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToContainTextAsync("Đang tải…");
        await Assertions.Expect(page.Locator("#bell")).ToHaveAttributeAsync("aria-expanded", "true");

        release.SetResult();
        await Assertions.Expect(panel).Not.ToContainTextAsync("Đang tải…");
        await Assertions.Expect(panel).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Thông báo" }).ClickAsync();
        await Assertions.Expect(panel).ToBeHiddenAsync();
    }
}
