namespace Jiceng.Web.Platform.Errors;

/// <summary>
/// An expected failure: a stable machine-readable <see cref="Code"/>, the HTTP status it maps to,
/// and a human message. Codes are part of the API contract and never change once published.
/// </summary>
public sealed record Error(string Code, int Status, string Message)
{
    public static Error NotFound(string what) => new(ErrorCodes.NotFound, StatusCodes.Status404NotFound, $"{what} was not found.");
    public static Error Forbidden(string message = "You may not do this.") => new(ErrorCodes.Forbidden, StatusCodes.Status403Forbidden, message);
    public static Error OutOfScope(string what) => new(ErrorCodes.OutOfScope, StatusCodes.Status403Forbidden, $"{what} is outside your data scope.");
    public static Error Validation(string message) => new(ErrorCodes.ValidationFailed, StatusCodes.Status400BadRequest, message);
    public static Error Conflict(string message) => new(ErrorCodes.Conflict, StatusCodes.Status409Conflict, message);
}

public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string OutOfScope = "out_of_scope";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string InvalidCredentials = "invalid_credentials";
    public const string AccountLocked = "account_locked";
    public const string AccountDisabled = "account_disabled";
    public const string TwoFactorRequired = "two_factor_required";
    public const string InvalidTwoFactorCode = "invalid_two_factor_code";
    public const string SessionExpired = "session_expired";
    public const string WeakPassword = "weak_password";
    public const string InternalError = "internal_error";

    public static string ForStatus(int status) => status switch
    {
        400 => ValidationFailed,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        409 => Conflict,
        _ when status >= 500 => InternalError,
        _ => "error",
    };
}

/// <summary>Either a value or an <see cref="Error"/>.</summary>
public readonly struct Result<T>
{
    private Result(T? value, Error? error) { Value = value; Error = error; }
    public T? Value { get; }
    public Error? Error { get; }
    public bool IsSuccess => Error is null;
    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Error error) => new(default, error);
}
