using Xunit.Abstractions;

namespace Groundwork.BrowserTests;

public sealed class FirstVisitTests(EmptySite site, ITestOutputHelper output) : IClassFixture<EmptySite>
{
    [Fact]
    public async Task The_first_visit_to_a_new_instance_creates_its_administrator()
    {
        await using var admin = await site.VisitorAsync(output);

        await Step.RunAsync(output, "the home page of a new instance offers the set-up", async () =>
        {
            await admin.GoAsync("/");
            Assert.Equal("/setup", admin.Path);
        });
        await Step.RunAsync(output, "a form with an unusable password answers next to the field", async () =>
        {
            await admin.FillAsync(("Email", Site.AdminEmail), ("Password", "short"));
            await admin.FollowAsync(admin.Button("Create administrator"));
            await Microsoft.Playwright.Assertions.Expect(admin.Main.Locator("#password-error")).Not.ToBeEmptyAsync();
        });
        await Step.RunAsync(output, "the administrator is created and signed in", async () =>
        {
            await admin.FillAsync(("Email", Site.AdminEmail), ("Password", Site.Password));
            await admin.FollowAsync(admin.Button("Create administrator"));
            Assert.Equal("/", admin.Path);
            await Microsoft.Playwright.Assertions.Expect(admin.Page.Locator("header")).ToContainTextAsync("Sign out");
        });
        await Step.RunAsync(output, "the set-up is not offered again", async () =>
        {
            await admin.SignOutAsync();
            await admin.GoAsync("/setup");
            Assert.Empty(await admin.Main.Locator("form").AllAsync());
        });
    }
}
