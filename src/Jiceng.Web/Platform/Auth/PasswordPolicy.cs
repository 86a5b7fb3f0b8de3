using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jiceng.Web.Platform.Auth;

/// <summary>Length and at least three of four character classes (upper, lower, digit, symbol).</summary>
public sealed class CharacterClassPasswordValidator(IOptions<SecurityOptions> options) : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var policy = options.Value;
        password ??= "";
        var classes = new[]
        {
            password.Any(char.IsUpper), password.Any(char.IsLower), password.Any(char.IsDigit),
            password.Any(c => !char.IsLetterOrDigit(c)),
        }.Count(x => x);
        var errors = new List<IdentityError>();
        if (password.Length < policy.MinimumPasswordLength)
        {
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = $"至少 {policy.MinimumPasswordLength} 位 / at least {policy.MinimumPasswordLength} characters" });
        }
        if (classes < policy.RequiredCharacterClasses)
        {
            errors.Add(new IdentityError { Code = "PasswordClasses", Description = $"须包含大写字母、小写字母、数字、符号中的至少 {policy.RequiredCharacterClasses} 类 / at least {policy.RequiredCharacterClasses} of: upper case, lower case, digit, symbol" });
        }
        if (user.UserName is { Length: > 2 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = "不得包含用户名 / must not contain the user name" });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
