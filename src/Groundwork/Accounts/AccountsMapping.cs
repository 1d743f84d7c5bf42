using Groundwork.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Groundwork.Accounts;

/// The tables of this feature: called from AppDbContext.OnModelCreating.
public static class AccountsMapping
{
    public static void Configure(ModelBuilder b, ValueConverter<string?, string?> encrypted, ValueConverter<string?, string?> lookup)
    {
        b.Entity<Person>(e =>
        {
            // Identity keeps the user name and email in clear by default; here both are ciphertext, and their
            // normalized forms (what Identity queries by) are keyed hashes.
            e.Property(p => p.Email).HasConversion(encrypted).HasMaxLength(1024);
            e.Property(p => p.UserName).HasConversion(encrypted).HasMaxLength(1024);
            e.Property(p => p.PhoneNumber).HasConversion(encrypted);
            e.Property(p => p.DisplayName).HasConversion(encrypted!).HasMaxLength(1024);
            e.Property(p => p.NormalizedEmail).HasConversion(lookup).HasMaxLength(64);
            e.Property(p => p.NormalizedUserName).HasConversion(lookup).HasMaxLength(64);
            e.Property(p => p.PreferredLanguage).HasMaxLength(16);
        });
        // Passkey credential names and authenticator keys are secrets or personal too.
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>()
            .Property(t => t.Value).HasConversion(encrypted);

        // One row, inserted when the first instance administrator is created (see InstanceSetup).
        b.Entity<InstanceSetup>();
    }
}
