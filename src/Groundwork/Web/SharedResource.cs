namespace Groundwork.Web;

/// The anchor type for the app's strings: Resources/Web.SharedResource.resx (English) and .es.resx (Spanish).
public sealed class SharedResource;
