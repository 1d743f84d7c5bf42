using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WallChartLevelSheets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LevelSheets",
                columns: table => new
                {
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ScaleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Shard = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "IX_LevelSheets_ScaleId",
                table: "LevelSheets",
                column: "ScaleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LevelSheets");
        }
    }
}
