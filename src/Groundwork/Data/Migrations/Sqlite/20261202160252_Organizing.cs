using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Organizing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssessmentScales",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    SeedKey = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentScales", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentScales_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    NameLookup = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Employer = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Languages = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 32000, nullable: true),
                    CustomFieldsJson = table.Column<string>(type: "TEXT", maxLength: 32000, nullable: true),
                    Eligible = table.Column<bool>(type: "INTEGER", nullable: false),
                    IneligibleReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IsLeader = table.Column<bool>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", nullable: true),
                    LastContactedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contacts_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Contacts_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomFields",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Choices = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    RetiredUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomFields", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomFields_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganizingIssues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    NameLookup = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RetiredUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizingIssues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganizingIssues_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganizingSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    NoteRetentionDays = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizingSettings", x => x.OrganizationId);
                    table.ForeignKey(
                        name: "FK_OrganizingSettings_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganizingTags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    NameLookup = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizingTags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganizingTags_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentLevels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScaleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    RetiredUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentLevels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentLevels_AssessmentScales_ScaleId",
                        column: x => x.ScaleId,
                        principalTable: "AssessmentScales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    ScaleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", nullable: true),
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_AssessmentScales_ScaleId",
                        column: x => x.ScaleId,
                        principalTable: "AssessmentScales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Assessments_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactChannels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Lookup = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactChannels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactChannels_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactLevels",
                columns: table => new
                {
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    ScaleId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AssessmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    AssessedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactLevels", x => new { x.ContactId, x.ScaleId });
                    table.ForeignKey(
                        name: "FK_ContactLevels_AssessmentScales_ScaleId",
                        column: x => x.ScaleId,
                        principalTable: "AssessmentScales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContactLevels_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactUnits",
                columns: table => new
                {
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactUnits", x => new { x.ContactId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_ContactUnits_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContactUnits_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Conversations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 32000, nullable: true),
                    NotesPurgedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextStep = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    FollowUpUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FollowUpDoneUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FollowUpOwnerId = table.Column<string>(type: "TEXT", nullable: true),
                    RecordedById = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conversations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Conversations_AspNetUsers_FollowUpOwnerId",
                        column: x => x.FollowUpOwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Conversations_AspNetUsers_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Conversations_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Relationships",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Relationships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Relationships_Contacts_FromContactId",
                        column: x => x.FromContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Relationships_Contacts_ToContactId",
                        column: x => x.ToContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactTags",
                columns: table => new
                {
                    ContactId = table.Column<int>(type: "INTEGER", nullable: false),
                    TagId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactTags", x => new { x.ContactId, x.TagId });
                    table.ForeignKey(
                        name: "FK_ContactTags_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContactTags_OrganizingTags_TagId",
                        column: x => x.TagId,
                        principalTable: "OrganizingTags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConversationIssues",
                columns: table => new
                {
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: false),
                    IssueId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationIssues", x => new { x.ConversationId, x.IssueId });
                    table.ForeignKey(
                        name: "FK_ConversationIssues_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConversationIssues_OrganizingIssues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "OrganizingIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConversationSpeakers",
                columns: table => new
                {
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationSpeakers", x => new { x.ConversationId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_ConversationSpeakers_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConversationSpeakers_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentLevels_ScaleId",
                table: "AssessmentLevels",
                column: "ScaleId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_ContactId_ScaleId_Id",
                table: "Assessments",
                columns: new[] { "ContactId", "ScaleId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_OrganizationId",
                table: "Assessments",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_ScaleId",
                table: "Assessments",
                column: "ScaleId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentScales_OrganizationId_SeedKey",
                table: "AssessmentScales",
                columns: new[] { "OrganizationId", "SeedKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactChannels_ContactId",
                table: "ContactChannels",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactChannels_OrganizationId_Lookup",
                table: "ContactChannels",
                columns: new[] { "OrganizationId", "Lookup" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactLevels_OrganizationId_ScaleId",
                table: "ContactLevels",
                columns: new[] { "OrganizationId", "ScaleId" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactLevels_ScaleId",
                table: "ContactLevels",
                column: "ScaleId");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganizationId_Id",
                table: "Contacts",
                columns: new[] { "OrganizationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OrganizationId_NameLookup",
                table: "Contacts",
                columns: new[] { "OrganizationId", "NameLookup" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_PersonId",
                table: "Contacts",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactTags_TagId",
                table: "ContactTags",
                column: "TagId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactUnits_UnitId",
                table: "ContactUnits",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationIssues_IssueId",
                table: "ConversationIssues",
                column: "IssueId");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ContactId_AtUtc",
                table: "Conversations",
                columns: new[] { "ContactId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_FollowUpOwnerId_FollowUpDoneUtc_FollowUpUtc",
                table: "Conversations",
                columns: new[] { "FollowUpOwnerId", "FollowUpDoneUtc", "FollowUpUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OrganizationId_AtUtc",
                table: "Conversations",
                columns: new[] { "OrganizationId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_RecordedById",
                table: "Conversations",
                column: "RecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationSpeakers_PersonId",
                table: "ConversationSpeakers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomFields_OrganizationId",
                table: "CustomFields",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizingIssues_OrganizationId_NameLookup",
                table: "OrganizingIssues",
                columns: new[] { "OrganizationId", "NameLookup" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganizingTags_OrganizationId_NameLookup",
                table: "OrganizingTags",
                columns: new[] { "OrganizationId", "NameLookup" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Relationships_FromContactId_ToContactId_Kind",
                table: "Relationships",
                columns: new[] { "FromContactId", "ToContactId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Relationships_OrganizationId",
                table: "Relationships",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Relationships_ToContactId",
                table: "Relationships",
                column: "ToContactId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentLevels");

            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "ContactChannels");

            migrationBuilder.DropTable(
                name: "ContactLevels");

            migrationBuilder.DropTable(
                name: "ContactTags");

            migrationBuilder.DropTable(
                name: "ContactUnits");

            migrationBuilder.DropTable(
                name: "ConversationIssues");

            migrationBuilder.DropTable(
                name: "ConversationSpeakers");

            migrationBuilder.DropTable(
                name: "CustomFields");

            migrationBuilder.DropTable(
                name: "OrganizingSettings");

            migrationBuilder.DropTable(
                name: "Relationships");

            migrationBuilder.DropTable(
                name: "AssessmentScales");

            migrationBuilder.DropTable(
                name: "OrganizingTags");

            migrationBuilder.DropTable(
                name: "OrganizingIssues");

            migrationBuilder.DropTable(
                name: "Conversations");

            migrationBuilder.DropTable(
                name: "Contacts");
        }
    }
}
