using Groundwork.Accounts;
using Groundwork.Auth;
using Groundwork.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Cli;

public sealed class CommandException(string message) : Exception(message);
