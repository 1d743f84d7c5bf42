namespace Groundwork.Accounts;

public enum PasskeyOperation
{
    Create = 0,
    Request = 1,
}
