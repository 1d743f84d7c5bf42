using Microsoft.AspNetCore.Identity;

namespace Groundwork.Data;

/// The account. Email, user name and phone are encrypted at rest; their normalized forms are keyed hashes,
/// so sign-in by email works without the database ever holding the address in clear.
public sealed class Person : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";
    public bool IsInstanceAdmin { get; set; }
    /// A disabled account is refused on its next request (cookie or token), whatever it holds.
    public bool IsDisabled { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string? PreferredLanguage { get; set; }
}
