using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Groundwork.BrowserTests;

/// An organizer on a phone: imports a CSV of coworkers, runs a union card drive as a structure test, records who
/// signed and sees the unit chart change, signs the card herself and exports after confirming her password.
public sealed partial class StructureTests(SetUpSite site, ITestOutputHelper output) : IClassFixture<SetUpSite>
{
    [Fact]
    public async Task An_organizer_imports_contacts_runs_a_card_drive_and_sees_the_units_chart_change_on_a_phone()
    {
        await using var rosa = await site.VisitorAsync(output, phone: true);
        var email = AccountSteps.NewEmail("rosa");
        var org = 0;
        var testPath = "";
        await Step.RunAsync(output, "Rosa joins and founds a workplace committee", async () =>
        {
            await rosa.JoinAsync(site.App, email, "Rosa");
            await rosa.FollowAsync(rosa.Main.GetByRole(AriaRole.Link, new() { Name = "Start an organization" }));
            await rosa.FillAsync(("Name", "Hotel Workers " + Guid.NewGuid().ToString("N")[..6]));
            await rosa.FollowAsync(rosa.Button("Create"));
            org = int.Parse(OrgId().Match(rosa.Path).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        });
        await Step.RunAsync(output, "she uploads a CSV with Spanish headers and imports it, creating the units", async () =>
        {
            await rosa.GoAsync($"/organizations/{org}/organizing/import");
            var csv = "Nombre,Correo,Departamento\nAna Díaz,ana@example.org,Kitchen\nBo Li,bo@example.org,Kitchen\nCy Moss,cy@example.org,Floor\n";
            await rosa.Main.Locator("#imp-file").SetInputFilesAsync(new FilePayload { Name = "coworkers.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
            await rosa.FollowAsync(rosa.Button("Upload"));
            await rosa.Main.GetByLabel("Create the units the file names that do not exist yet").CheckAsync();
            await rosa.FollowAsync(rosa.Button("Preview"));
            await Expect(rosa.Main).ToContainTextAsync("Ana Díaz");
            await rosa.Main.GetByLabel("Create the units the file names that do not exist yet").CheckAsync();
            await rosa.FollowAsync(rosa.Button("Start the import"));
            var job = rosa.Path;
            for (var i = 0; i < 60 && !(await rosa.Main.InnerTextAsync()).Contains("Done.", StringComparison.Ordinal); i++)
            {
                await Task.Delay(500);
                await rosa.GoAsync(job);
            }
            await Expect(rosa.Main).ToContainTextAsync("Created: 3");
        });
        await Step.RunAsync(output, "she starts a union card drive with a 60% line", async () =>
        {
            await rosa.GoAsync($"/organizations/{org}/organizing/structure-tests");
            await rosa.Main.Locator("#st-kind").SelectOptionAsync("UnionCard");
            await rosa.FillAsync(("Title", "Card drive"), ("Date", "2026-12-10"), ("Threshold (%)", "60"),
                ("Text people sign (for a petition or a union card)", "I want the union to represent me."));
            await rosa.FollowAsync(rosa.Button("Create"));
            testPath = rosa.Path;
            await Expect(rosa.Main.GetByRole(AriaRole.Img, new() { Name = "Card drive" })).ToBeVisibleAsync();
            await Expect(rosa.Main.Locator("table tr", new() { HasText = "Kitchen" })).ToContainTextAsync("0%");
        });
        await Step.RunAsync(output, "she records two kitchen signers and the chart shows the kitchen over the line", async () =>
        {
            await rosa.Main.GetByLabel("Ana Díaz").CheckAsync();
            await rosa.Main.GetByLabel("Bo Li").CheckAsync();
            await rosa.FollowAsync(rosa.Button("Record"));
            await Expect(rosa.Main.Locator("table tr", new() { HasText = "Kitchen" })).ToContainTextAsync("100%");
            await Expect(rosa.Main.Locator("table tr", new() { HasText = "Floor" })).ToContainTextAsync("0%");
            await Expect(rosa.Main.Locator("svg desc")).ToContainTextAsync("Kitchen: 100% (2/2)");
        });
        await Step.RunAsync(output, "she signs the card herself as a member", async () =>
        {
            await rosa.FollowAsync(rosa.Main.GetByRole(AriaRole.Link, new() { Name = "Members sign here" }));
            await rosa.FillAsync(("Your name", "Rosa"));
            await rosa.Main.GetByLabel("I have read the text above and I sign it.").CheckAsync();
            await rosa.FollowAsync(rosa.Button("Sign"));
            await Expect(rosa.Main).ToContainTextAsync("Thank you: your signature is recorded.");
        });
        await Step.RunAsync(output, "she confirms her password to export", async () =>
        {
            await rosa.GoAsync($"/organizations/{org}/organizing/export");
            await rosa.FillAsync(("Password", Site.Password));
            await rosa.FollowAsync(rosa.Button("Confirm"));
            await Expect(rosa.Main.GetByRole(AriaRole.Link, new() { Name = "Download the CSV" })).ToBeVisibleAsync();
        });
    }

    [GeneratedRegex(@"^/organizations/(\d+)")]
    private static partial Regex OrgId();
}
