namespace Groundwork.Accounts;

/// The data-protection purpose under which a new email address travels in its confirmation link.
internal static class EmailChange
{
    public const string Purpose = "Groundwork.Account.EmailChange.v1";
}
