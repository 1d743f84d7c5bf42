using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Groundwork.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Performance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "SealedBallots")
                .Annotation("Npgsql:StorageParameter:fillfactor", 20);

            migrationBuilder.AddColumn<int>(
                name: "Attempt",
                table: "ImportJobs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ImportJobId",
                table: "Contacts",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportMerges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportJobId = table.Column<int>(type: "integer", nullable: false),
                    ContactId = table.Column<int>(type: "integer", nullable: false),
                    Row = table.Column<int>(type: "integer", nullable: false),
                    Plan = table.Column<string>(type: "character varying(64000)", maxLength: 64000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportMerges_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ImportMerges_ImportJobs_ImportJobId",
                        column: x => x.ImportJobId,
                        principalTable: "ImportJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LevelSheets",
                columns: table => new
                {
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    ScaleId = table.Column<int>(type: "integer", nullable: false),
                    Shard = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LevelSheets", x => new { x.OrganizationId, x.ScaleId, x.Shard });
                    table.ForeignKey(
                        name: "FK_LevelSheets_AssessmentScales_ScaleId",
                        column: x => x.ScaleId,
                        principalTable: "AssessmentScales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_ImportJobId",
                table: "Contacts",
                column: "ImportJobId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportMerges_ContactId",
                table: "ImportMerges",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportMerges_ImportJobId_Id",
                table: "ImportMerges",
                columns: new[] { "ImportJobId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LevelSheets_ScaleId",
                table: "LevelSheets",
                column: "ScaleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportMerges");

            migrationBuilder.DropTable(
                name: "LevelSheets");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_ImportJobId",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "Attempt",
                table: "ImportJobs");

            migrationBuilder.DropColumn(
                name: "ImportJobId",
                table: "Contacts");

            migrationBuilder.AlterTable(
                name: "SealedBallots")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 20);
        }
    }
}
