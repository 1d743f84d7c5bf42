namespace Groundwork.Web;

/// The anchor type of the app's one localizer, <see cref="AppStrings"/> (IStringLocalizer&lt;SharedResource&gt;).
public sealed class SharedResource;
