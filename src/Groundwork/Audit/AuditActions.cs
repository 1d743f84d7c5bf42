using Groundwork.Data;

namespace Groundwork.Audit;

public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOutEverywhere = "sign-out-everywhere";
    public const string PasswordChanged = "password-changed";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";
    public const string AccountCreated = "account-created";
    public const string AccountDeleted = "account-deleted";
    public const string AccountDisabled = "account-disabled";
    public const string DataExported = "data-exported";
    public const string OrganizationCreated = "organization-created";
    public const string OrganizationUpdated = "organization-updated";
    public const string MemberJoined = "member-joined";
    public const string MemberRequested = "member-requested";
    public const string MemberApproved = "member-approved";
    public const string MemberLeft = "member-left";
    public const string MemberRemoved = "member-removed";
    public const string RoleChanged = "role-changed";
    public const string InvitationCreated = "invitation-created";
    public const string InvitationRevoked = "invitation-revoked";
    public const string TransferRequested = "transfer-requested";
    public const string TransferDecided = "transfer-decided";
    public const string AffiliationRequested = "affiliation-requested";
    public const string AffiliationDecided = "affiliation-decided";
    public const string AffiliationLeft = "affiliation-left";
}
