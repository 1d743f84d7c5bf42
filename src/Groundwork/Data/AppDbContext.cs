using Groundwork.Accounts;
using Groundwork.Audit;
using Groundwork.Auth;
using Groundwork.Decisions;
using Groundwork.Deliberation;
using Groundwork.Members;
using Groundwork.Notifications;
using Groundwork.Organizations;
using Groundwork.Organizing;
using Groundwork.Organizing.Import;
using Groundwork.Organizing.Structure;
using Groundwork.Pledges;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Groundwork.Data;

/// The one context. Provider subclasses (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>)
/// exist only so that each provider has its own migration set.
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<Person>(options), IDataProtectionKeyContext
{
    /// The key ring of the encrypted columns, from the options (<see cref="FieldCryptoExtension"/>): the context takes
    /// its options alone, so that the app can pool contexts (AddDbContextPool) rather than build each one's services anew.
    public FieldCrypto Crypto { get; } = options.FindExtension<FieldCryptoExtension>()?.Crypto
        ?? throw new InvalidOperationException("The options of a Groundwork context carry its key ring: call WithFieldCrypto.");

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<MembershipEvent> MembershipEvents => Set<MembershipEvent>();
    public DbSet<UnitPlacement> UnitPlacements => Set<UnitPlacement>();
    public DbSet<OrganizerScope> OrganizerScopes => Set<OrganizerScope>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AffiliationRequest> AffiliationRequests => Set<AffiliationRequest>();
    public DbSet<TransferRequest> TransferRequests => Set<TransferRequest>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<UsedTotpStep> UsedTotpSteps => Set<UsedTotpStep>();
    public DbSet<InstanceSetup> InstanceSetups => Set<InstanceSetup>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Notifications
    public DbSet<Notification> Notifications => Set<Notification>();

    // Organizing
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactUnit> ContactUnits => Set<ContactUnit>();
    public DbSet<ContactChannel> ContactChannels => Set<ContactChannel>();
    public DbSet<OrganizingTag> OrganizingTags => Set<OrganizingTag>();
    public DbSet<ContactTag> ContactTags => Set<ContactTag>();
    public DbSet<CustomField> CustomFields => Set<CustomField>();
    public DbSet<AssessmentScale> AssessmentScales => Set<AssessmentScale>();
    public DbSet<AssessmentLevel> AssessmentLevels => Set<AssessmentLevel>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<ContactLevel> ContactLevels => Set<ContactLevel>();
    public DbSet<LevelSheet> LevelSheets => Set<LevelSheet>();
    public DbSet<OrganizingIssue> OrganizingIssues => Set<OrganizingIssue>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationSpeaker> ConversationSpeakers => Set<ConversationSpeaker>();
    public DbSet<ConversationIssue> ConversationIssues => Set<ConversationIssue>();
    public DbSet<Relationship> Relationships => Set<Relationship>();
    public DbSet<OrganizingSettings> OrganizingSettings => Set<OrganizingSettings>();

    // Structure
    public DbSet<StructureTest> StructureTests => Set<StructureTest>();
    public DbSet<Participation> Participations => Set<Participation>();
    public DbSet<Signature> Signatures => Set<Signature>();
    public DbSet<SigningLink> SigningLinks => Set<SigningLink>();
    public DbSet<Reauthentication> Reauthentications => Set<Reauthentication>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<ImportMerge> ImportMerges => Set<ImportMerge>();

    // Decisions
    public DbSet<Poll> Polls => Set<Poll>();
    public DbSet<PollOption> PollOptions => Set<PollOption>();
    public DbSet<Nomination> Nominations => Set<Nomination>();
    public DbSet<PollEntitlement> PollEntitlements => Set<PollEntitlement>();
    public DbSet<VoterRollEntry> VoterRoll => Set<VoterRollEntry>();
    public DbSet<SealedBallot> SealedBallots => Set<SealedBallot>();
    public DbSet<PublishedBallot> PublishedBallots => Set<PublishedBallot>();
    public DbSet<Vote> Votes => Set<Vote>();

    // Deliberation
    public DbSet<Discussion> Discussions => Set<Discussion>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<PostRevision> PostRevisions => Set<PostRevision>();
    public DbSet<Motion> Motions => Set<Motion>();
    public DbSet<MotionVersion> MotionVersions => Set<MotionVersion>();
    public DbSet<Amendment> Amendments => Set<Amendment>();
    public DbSet<MotionVote> MotionVotes => Set<MotionVote>();
    public DbSet<MotionBallot> MotionBallots => Set<MotionBallot>();

    // Pledges
    public DbSet<Pledge> Pledges => Set<Pledge>();
    public DbSet<PledgeOrganization> PledgeOrganizations => Set<PledgeOrganization>();
    public DbSet<PledgeUnit> PledgeUnits => Set<PledgeUnit>();
    public DbSet<PledgeTally> PledgeTallies => Set<PledgeTally>();
    public DbSet<PledgeSignature> PledgeSignatures => Set<PledgeSignature>();
    public DbSet<PledgeEmailConfirmation> PledgeEmailConfirmations => Set<PledgeEmailConfirmation>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        var encrypted = Encrypted();
        var lookup = new ValueConverter<string?, string?>(
            v => v == null ? null : Crypto.Lookup(v), v => v);

        // Each capability maps its own tables in its own folder (<Capability>Mapping.Configure), called here in turn.
        Groundwork.Accounts.AccountsMapping.Configure(b, encrypted, lookup);
        Groundwork.Organizations.OrganizationsMapping.Configure(b, encrypted);
        Groundwork.Members.MembersMapping.Configure(b, encrypted);
        Groundwork.Audit.AuditMapping.Configure(b, encrypted);
        Groundwork.Auth.AuthMapping.Configure(b, encrypted);
        Groundwork.Notifications.NotificationsMapping.Configure(b, encrypted);
        Groundwork.Organizing.OrganizingMapping.Configure(b, encrypted);
        Groundwork.Organizing.Structure.StructureMapping.Configure(b, encrypted);
        Groundwork.Organizing.Import.ImportMapping.Configure(b, encrypted);
        Groundwork.Accounts.ReauthenticationMapping.Configure(b);
        Groundwork.Decisions.DecisionsMapping.Configure(b, encrypted);
        Groundwork.Deliberation.DeliberationMapping.Configure(b, encrypted);
        Groundwork.Pledges.PledgesMapping.Configure(b, encrypted);
        ConfigureProvider(b);
    }


    protected virtual void ConfigureProvider(ModelBuilder b) { }

    /// Nullable strings pass through as null; everything else is ciphertext.
    ValueConverter<string?, string?> Encrypted() =>
        new(v => v == null ? null : Crypto.Encrypt(v), v => v == null ? null : Crypto.Decrypt(v));

    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        // Every DateTime is UTC: SQLite hands back Unspecified, so stamp it on the way out (jellyfin's fix).
        c.Properties<DateTime>().HaveConversion<UtcConverter>();
        c.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

/// Carries a context's key ring in its options. It adds no services and does not take part in EF's choice of internal
/// service provider: contexts with different key rings share one (their models differ, see CryptoModelCacheKeyFactory).
public sealed class FieldCryptoExtension(FieldCrypto crypto) : IDbContextOptionsExtension
{
    public FieldCrypto Crypto { get; } = crypto;
    public DbContextOptionsExtensionInfo Info => field ??= new ExtensionInfo(this);
    public void ApplyServices(IServiceCollection services) { }
    public void Validate(IDbContextOptions options) { }

    sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "";
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) { }
    }
}

public static class FieldCryptoOptions
{
    public static DbContextOptionsBuilder WithFieldCrypto(this DbContextOptionsBuilder o, FieldCrypto crypto)
    {
        ((IDbContextOptionsBuilderInfrastructure)o).AddOrUpdateExtension(new FieldCryptoExtension(crypto));
        return o;
    }
}

/// The converters capture the key ring, so each key ring gets its own compiled model.
public sealed class CryptoModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is AppDbContext app
            ? (context.GetType(), app.Crypto.InstanceId, designTime)
            : (object)(context.GetType(), designTime);
}
