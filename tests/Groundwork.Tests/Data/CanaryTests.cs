using System.Diagnostics;
using System.Net;
using System.Text;
using Groundwork.Data;
using Groundwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Groundwork.Tests.Data;

/// Unique strings planted in every sensitive field must appear nowhere in the database files, a dump or the logs.
public sealed class CanaryTests
{
    [Fact]
    public async Task Planted_canaries_never_appear_in_clear_in_the_database_or_the_logs()
    {
        using var f = await new GroundworkFactory().StartAsync();
        var email = Canary.New("mail").ToLowerInvariant() + "@example.test";
        var name = Canary.New("name");
        var phone = Canary.New("phone");
        var note = Canary.New("note");
        var tokenName = Canary.New("token");
        var moverEmail = Canary.New("mover").ToLowerInvariant() + "@example.test";

        var person = await f.CreateUserAsync(name, email: email);
        var mover = await f.CreateUserAsync(Canary.New("movername"), email: moverEmail);
        string authenticatorKey;
        await using (var s = f.Services.CreateAsyncScope())
        {
            var users = s.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var p = (await users.FindByIdAsync(person.Id))!;
            Assert.True((await users.SetPhoneNumberAsync(p, phone)).Succeeded);
            Assert.True((await users.ResetAuthenticatorKeyAsync(p)).Succeeded);
            authenticatorKey = (await users.GetAuthenticatorKeyAsync(p))!;
        }
        var created = await person.Api.PostJsonAsync("/api/v1/me/tokens", new { name = tokenName, scope = "Read" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var fed = await person.CreateOrgAsync(kind: Groundwork.Organizations.OrganizationKind.Federation);
        var from = await person.CreateOrgAsync(parentId: fed.Id);
        var to = await person.CreateOrgAsync(parentId: fed.Id);
        await f.AddMemberAsync(from.Id, mover.Id);
        var transfer = await mover.Api.PostJsonAsync($"/api/v1/organizations/{from.Id}/transfers", new { toOrganizationId = to.Id, shareHistory = true, note });
        Assert.Equal(HttpStatusCode.Created, transfer.StatusCode);
        // Sign in through the form too, so the sign-in path's logging is covered.
        await f.SignedInCookieClientAsync(person);
        Assert.Equal(HttpStatusCode.OK, (await person.Api.GetAsync("/api/v1/me/export")).StatusCode);

        string[] canaries = [email, name, phone, note, tokenName, moverEmail, authenticatorKey];
        await Canary.AssertAbsentAsync(f, canaries);

        // The scan is able to see plaintext: the same data read through the app comes back decrypted.
        var me = await person.Api.GetStringAsync("/api/v1/me");
        Assert.Contains(email, me, StringComparison.Ordinal);
    }
}
