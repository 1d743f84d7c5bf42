using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Pledges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Pledges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Statement = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ActivationMessage = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    Eligibility = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    RevealNames = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActionUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActivatedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublicSlug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ActiveSigners = table.Column<int>(type: "INTEGER", nullable: false),
                    WouldActNow = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pledges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Pledges_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PledgeEmailConfirmations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PledgeId = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SignerHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SealedEmail = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    ConditionMin = table.Column<int>(type: "INTEGER", nullable: true),
                    ExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeEmailConfirmations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PledgeEmailConfirmations_Pledges_PledgeId",
                        column: x => x.PledgeId,
                        principalTable: "Pledges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PledgeOrganizations",
                columns: table => new
                {
                    PledgeId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeOrganizations", x => new { x.PledgeId, x.OrganizationId });
                    table.ForeignKey(
                        name: "FK_PledgeOrganizations_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PledgeOrganizations_Pledges_PledgeId",
                        column: x => x.PledgeId,
                        principalTable: "Pledges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PledgeSignatures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PledgeId = table.Column<int>(type: "INTEGER", nullable: false),
                    SignerHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SealedIdentity = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    ConditionMin = table.Column<int>(type: "INTEGER", nullable: true),
                    ConditionScope = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Resigns = table.Column<int>(type: "INTEGER", nullable: false),
                    Bound = table.Column<bool>(type: "INTEGER", nullable: false),
                    Told = table.Column<bool>(type: "INTEGER", nullable: false),
                    FollowedThrough = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PledgeSignatures_Pledges_PledgeId",
                        column: x => x.PledgeId,
                        principalTable: "Pledges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PledgeTallies",
                columns: table => new
                {
                    PledgeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Scope = table.Column<int>(type: "INTEGER", nullable: false),
                    RefId = table.Column<int>(type: "INTEGER", nullable: false),
                    Signed = table.Column<int>(type: "INTEGER", nullable: false),
                    Eligible = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowedThrough = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetCount = table.Column<int>(type: "INTEGER", nullable: true),
                    TargetPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    Open = table.Column<bool>(type: "INTEGER", nullable: false),
                    Conditional = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeTallies", x => new { x.PledgeId, x.Scope, x.RefId });
                    table.ForeignKey(
                        name: "FK_PledgeTallies_Pledges_PledgeId",
                        column: x => x.PledgeId,
                        principalTable: "Pledges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PledgeUnits",
                columns: table => new
                {
                    PledgeId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeUnits", x => new { x.PledgeId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_PledgeUnits_Pledges_PledgeId",
                        column: x => x.PledgeId,
                        principalTable: "Pledges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PledgeUnits_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeEmailConfirmations_PledgeId_SignerHash",
                table: "PledgeEmailConfirmations",
                columns: new[] { "PledgeId", "SignerHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PledgeEmailConfirmations_TokenHash",
                table: "PledgeEmailConfirmations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PledgeOrganizations_OrganizationId",
                table: "PledgeOrganizations",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Pledges_OrganizationId",
                table: "Pledges",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Pledges_PublicSlug",
                table: "Pledges",
                column: "PublicSlug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pledges_Status_DeadlineUtc",
                table: "Pledges",
                columns: new[] { "Status", "DeadlineUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSignatures_PledgeId_SignerHash",
                table: "PledgeSignatures",
                columns: new[] { "PledgeId", "SignerHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PledgeSignatures_PledgeId_Status",
                table: "PledgeSignatures",
                columns: new[] { "PledgeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeUnits_UnitId",
                table: "PledgeUnits",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PledgeEmailConfirmations");

            migrationBuilder.DropTable(
                name: "PledgeOrganizations");

            migrationBuilder.DropTable(
                name: "PledgeSignatures");

            migrationBuilder.DropTable(
                name: "PledgeTallies");

            migrationBuilder.DropTable(
                name: "PledgeUnits");

            migrationBuilder.DropTable(
                name: "Pledges");
        }
    }
}
