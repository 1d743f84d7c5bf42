using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Groundwork.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Decisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Polls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Secret = table.Column<bool>(type: "INTEGER", nullable: false),
                    ShuffleOptions = table.Column<bool>(type: "INTEGER", nullable: false),
                    HideResultsUntilClose = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowVoteChange = table.Column<bool>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxChoices = table.Column<int>(type: "INTEGER", nullable: true),
                    Points = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxPerOption = table.Column<int>(type: "INTEGER", nullable: true),
                    ScoreMin = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoreMax = table.Column<int>(type: "INTEGER", nullable: false),
                    Target = table.Column<int>(type: "INTEGER", nullable: true),
                    Quorum = table.Column<int>(type: "INTEGER", nullable: true),
                    ThresholdNumerator = table.Column<int>(type: "INTEGER", nullable: false),
                    ThresholdDenominator = table.Column<int>(type: "INTEGER", nullable: false),
                    ThresholdStrict = table.Column<bool>(type: "INTEGER", nullable: false),
                    Base = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    EligibleUnits = table.Column<string>(type: "TEXT", maxLength: 1200, nullable: false),
                    EligibleRoles = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    OpensUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosesUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReminderHours = table.Column<int>(type: "INTEGER", nullable: false),
                    LotSeed = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResultJson = table.Column<string>(type: "TEXT", nullable: true),
                    EntitledCount = table.Column<int>(type: "INTEGER", nullable: false),
                    BallotCount = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenNotified = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReminderNotified = table.Column<bool>(type: "INTEGER", nullable: false),
                    ResultNotified = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Polls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Polls_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Nominations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PollId = table.Column<int>(type: "INTEGER", nullable: false),
                    NomineeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NominatedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Statement = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Nominations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Nominations_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PollEntitlements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PollId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Weight = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PollEntitlements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PollEntitlements_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PollOptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PollId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PollOptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PollOptions_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PublishedBallots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    PollId = table.Column<int>(type: "INTEGER", nullable: false),
                    Tracker = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Weight = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedBallots_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SealedBallots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    PollId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sealed = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SealedBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SealedBallots_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoterRoll",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    PollId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoterRoll", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoterRoll_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Votes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PollId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Weight = table.Column<long>(type: "INTEGER", nullable: false),
                    CastUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Latest = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Votes_Polls_PollId",
                        column: x => x.PollId,
                        principalTable: "Polls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_PollId_NomineeId",
                table: "Nominations",
                columns: new[] { "PollId", "NomineeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PollEntitlements_PollId_PersonId",
                table: "PollEntitlements",
                columns: new[] { "PollId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PollOptions_PollId_Position",
                table: "PollOptions",
                columns: new[] { "PollId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Polls_OrganizationId_Status",
                table: "Polls",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Polls_Status_ClosesUtc",
                table: "Polls",
                columns: new[] { "Status", "ClosesUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedBallots_PollId_Tracker",
                table: "PublishedBallots",
                columns: new[] { "PollId", "Tracker" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SealedBallots_PollId",
                table: "SealedBallots",
                column: "PollId");

            migrationBuilder.CreateIndex(
                name: "IX_VoterRoll_PollId_PersonId",
                table: "VoterRoll",
                columns: new[] { "PollId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Votes_PollId_Latest",
                table: "Votes",
                columns: new[] { "PollId", "Latest" });

            migrationBuilder.CreateIndex(
                name: "IX_Votes_PollId_PersonId",
                table: "Votes",
                columns: new[] { "PollId", "PersonId" },
                unique: true,
                filter: "\"Latest\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Nominations");

            migrationBuilder.DropTable(
                name: "PollEntitlements");

            migrationBuilder.DropTable(
                name: "PollOptions");

            migrationBuilder.DropTable(
                name: "PublishedBallots");

            migrationBuilder.DropTable(
                name: "SealedBallots");

            migrationBuilder.DropTable(
                name: "VoterRoll");

            migrationBuilder.DropTable(
                name: "Votes");

            migrationBuilder.DropTable(
                name: "Polls");
        }
    }
}
