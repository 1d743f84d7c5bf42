namespace Groundwork.Audit;

/// English descriptions of audit actions, used as localization keys on the pages that show the log.
public static class AuditNames
{
    public static string Of(string action) => action switch
    {
        AuditActions.SignIn => "Signed in",
        AuditActions.SignInFailed => "Failed sign-in",
        AuditActions.SignOutEverywhere => "Signed out everywhere",
        AuditActions.PasswordChanged => "Password changed",
        AuditActions.TwoFactorEnabled => "Two-factor authentication turned on",
        AuditActions.TwoFactorDisabled => "Two-factor authentication turned off",
        AuditActions.TokenCreated => "Access token created",
        AuditActions.TokenRevoked => "Access token revoked",
        AuditActions.AccountCreated => "Account created",
        AuditActions.AccountDeleted => "Account deleted",
        AuditActions.AccountDisabled => "Account disabled",
        AuditActions.DataExported => "Data downloaded",
        AuditActions.OrganizationCreated => "Organization created",
        AuditActions.OrganizationUpdated => "Organization updated",
        AuditActions.MemberJoined => "Joined",
        AuditActions.MemberRequested => "Asked to join",
        AuditActions.MemberApproved => "Membership approved",
        AuditActions.MemberLeft => "Left",
        AuditActions.MemberRemoved => "Removed from the organization",
        AuditActions.RoleChanged => "Role changed",
        AuditActions.InvitationCreated => "Invitation created",
        AuditActions.InvitationRevoked => "Invitation revoked",
        AuditActions.TransferRequested => "Transfer requested",
        AuditActions.TransferDecided => "Transfer decided",
        AuditActions.AffiliationRequested => "Affiliation requested",
        AuditActions.AffiliationDecided => "Affiliation decided",
        AuditActions.AffiliationLeft => "Affiliation ended",
        _ => action,
    };
}
