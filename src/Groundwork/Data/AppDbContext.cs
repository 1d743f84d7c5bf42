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

        b.Entity<Organization>(e =>
        {
            e.Property(o => o.Name).HasMaxLength(200);
            e.Property(o => o.NormalizedName).HasMaxLength(200);
            e.HasIndex(o => o.NormalizedName).IsUnique();
            e.Property(o => o.Description).HasMaxLength(4000);
            e.Property(o => o.Area).HasMaxLength(200);
            e.HasIndex(o => o.ParentId);
            e.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.Property(o => o.Kind).HasConversion<string>().HasMaxLength(40);
            e.Property(o => o.Visibility).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.JoinPolicy).HasConversion<string>().HasMaxLength(20);
        });
        b.Entity<Unit>(e =>
        {
            e.Property(u => u.Name).HasMaxLength(200);
            e.Property(u => u.NormalizedName).HasMaxLength(200);
            e.HasIndex(u => new { u.OrganizationId, u.NormalizedName }).IsUnique();
            e.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentUnitId).OnDelete(DeleteBehavior.Restrict);
            e.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        });
        b.Entity<Membership>(e =>
        {
            e.HasIndex(m => new { m.OrganizationId, m.PersonId }).IsUnique();
            e.HasIndex(m => m.PersonId);
            e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            e.HasMany(m => m.Events).WithOne().HasForeignKey(x => x.MembershipId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(m => m.Placements).WithOne().HasForeignKey(x => x.MembershipId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(m => m.OrganizerScopes).WithOne().HasForeignKey(x => x.MembershipId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MembershipEvent>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
        });
        b.Entity<UnitPlacement>(e =>
        {
            e.HasKey(x => new { x.MembershipId, x.UnitId });
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OrganizerScope>(e =>
        {
            e.HasKey(x => new { x.MembershipId, x.UnitId });
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Invitation>(e =>
        {
            e.HasIndex(i => i.TokenHash).IsUnique();
            e.Property(i => i.TokenHash).HasMaxLength(64);
            e.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AffiliationRequest>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.ChildId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organization>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Cascade);
            // One pending request per pair, by constraint.
            e.HasIndex(x => new { x.ChildId, x.ParentId, x.Status });
        });
        b.Entity<TransferRequest>(e =>
        {
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Note).HasConversion(encrypted!).HasMaxLength(4000);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.PersonId, x.Status });
        });
        b.Entity<AuditEvent>(e =>
        {
            e.HasIndex(x => new { x.OrganizationId, x.Id });
            e.HasIndex(x => new { x.SubjectPersonId, x.Id });
            e.HasIndex(x => new { x.ActorId, x.Id });
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.Detail).HasMaxLength(400);
        });
        b.Entity<ApiToken>(e =>
        {
            e.HasIndex(t => t.Hash).IsUnique();
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.Name).HasConversion(encrypted!).HasMaxLength(1024);
            e.Property(t => t.Scope).HasConversion<string>().HasMaxLength(10);
            e.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<UsedTotpStep>(e =>
        {
            e.HasKey(x => new { x.PersonId, x.TimeStep });
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<InstanceSetup>();

        // Each capability maps its own tables in its own folder (<Capability>Mapping.Configure), called here in turn.
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

/// A single row, inserted when the first instance administrator is created: the primary key makes two
/// concurrent first visits produce one administrator.
public sealed class InstanceSetup
{
    public int Id { get; set; } = 1;
    public DateTime CompletedUtc { get; set; }
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
