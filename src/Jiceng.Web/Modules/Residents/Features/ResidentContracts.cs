using System.ComponentModel.DataAnnotations;
using Jiceng.Web.Modules.Residents.Domain;

namespace Jiceng.Web.Modules.Residents.Features;

/// <summary>The stable error codes of the residents API (part of the contract: never change one).</summary>
public static class ResidentErrorCodes
{
    public const string InvalidIdNumber = "invalid_id_number";
    public const string InvalidPhone = "invalid_phone";
    public const string DuplicatePerson = "duplicate_person";
    public const string ImportFailed = "import_failed";
}

public sealed record CreateResidentRequest(
    [property: Required, StringLength(32, MinimumLength = 1)] string Name,
    [property: StringLength(24)] string? IdNumber,
    [property: StringLength(20)] string? Phone,
    [property: Required, StringLength(12, MinimumLength = 12)] string DivisionCode,
    [property: StringLength(200)] string? Address = null,
    Guid? GridId = null,
    Guid? HouseholdId = null,
    Guid? BuildingId = null,
    [property: Range(1, 99)] int? UnitNo = null,
    [property: StringLength(16)] string? Room = null,
    [property: StringLength(16)] string? RelationToHead = null,
    IReadOnlyList<string>? Tags = null,
    [property: StringLength(500)] string? HealthNote = null,
    [property: StringLength(500)] string? WelfareNote = null);

/// <summary>
/// A correction on request: a field left out (null) stays as it is, an empty text clears it. The caller sends the
/// version it read in If-Match (or <see cref="Version"/>) so two people correcting at once do not overwrite each other.
/// </summary>
public sealed record UpdateResidentRequest(
    [property: StringLength(32)] string? Name = null,
    [property: StringLength(24)] string? IdNumber = null,
    [property: StringLength(20)] string? Phone = null,
    [property: StringLength(200)] string? Address = null,
    Guid? GridId = null,
    [property: StringLength(16)] string? RelationToHead = null,
    [property: StringLength(500)] string? HealthNote = null,
    [property: StringLength(500)] string? WelfareNote = null,
    [property: StringLength(200)] string? Reason = null,
    int? Version = null);

public sealed record ReasonRequest([property: StringLength(200)] string? Reason);

public sealed record PersonRoleRequest(Guid? PartyOrganisationId = null, bool? InService = null,
    [property: StringLength(100)] string? Employer = null, bool? Certified = null, [property: StringLength(64)] string? Title = null);

public sealed record CreateHouseholdRequest(
    [property: Required, StringLength(12, MinimumLength = 12)] string DivisionCode,
    Guid? GridId = null,
    Guid? BuildingId = null,
    [property: Range(1, 99)] int? UnitNo = null,
    [property: StringLength(16)] string? Room = null,
    [property: StringLength(200)] string? Address = null,
    bool Registered = true);

/// <summary>Where a person moves: a household of their community, or building + unit + room (joined or created).</summary>
public sealed record MoveHouseholdRequest(
    Guid? HouseholdId = null,
    Guid? BuildingId = null,
    [property: Range(1, 99)] int? UnitNo = null,
    [property: StringLength(16)] string? Room = null,
    [property: StringLength(16)] string? RelationToHead = null,
    [property: StringLength(200)] string? Reason = null,
    int? Version = null);

public sealed record KeyGroupTagDto(string Code, string Name, string NameEn);

public sealed record PersonRoleDto(string Kind, Guid? PartyOrganisationId, bool InService, string? Employer, bool Certified, string? Title, DateTime SinceUtc);

/// <summary>Where a household is; the room is masked, the building and unit are not personal.</summary>
public sealed record HouseholdPlaceDto(Guid Id, Guid? BuildingId, string? BuildingName, int? UnitNo, string? RoomMasked, string? AddressMasked,
    bool IsHead);

/// <summary>A person as staff see them by default: every sensitive value masked, health and welfare only as "there is a note".</summary>
public sealed record ResidentDto(Guid Id, int Version, string Name, bool NameMasked, string? IdNumber, string? Phone, string? Address,
    bool HasHealthNote, bool HasWelfareNote, int? BirthYear, bool? IsMale, bool IsChild, string DivisionCode, string? DivisionName,
    Guid? GridId, string? GridName, string? RelationToHead, HouseholdPlaceDto? Household, IReadOnlyList<KeyGroupTagDto> Tags,
    IReadOnlyList<PersonRoleDto> Roles, bool Erased, DateTime CreatedUtc, DateTime UpdatedUtc);

public sealed record ResidentListItem(Guid Id, string Name, string? IdNumber, string? Phone, string DivisionCode, Guid? GridId, string? GridName,
    Guid? HouseholdId, string? BuildingName, int? UnitNo, int? BirthYear, bool IsChild, IReadOnlyList<string> Tags, bool Erased);

/// <summary>The clear values, for a permitted role after an audited unmask.</summary>
public sealed record UnmaskedResidentDto(Guid Id, string Name, string? IdNumber, string? Phone, string? Address, string? Room,
    string? HouseholdAddress, string? BirthDate, string? HealthNote, string? WelfareNote);

public sealed record ResidentListQuery(string? Division = null, string? Q = null, string? PhoneTail = null, Guid? BuildingId = null, Guid? GridId = null,
    string? Tag = null, string? IdNumber = null, string? Phone = null, bool IncludeErased = false, int Page = 1, int PageSize = 50);

public sealed record HouseholdListItem(Guid Id, string DivisionCode, Guid? GridId, string? GridName, Guid? BuildingId, string? BuildingName, int? UnitNo,
    string? RoomMasked, string? AddressMasked, Guid? HeadPersonId, string? HeadName, int Members, bool Registered);

public sealed record HouseholdDto(Guid Id, string DivisionCode, Guid? GridId, string? GridName, Guid? BuildingId, string? BuildingName, int? UnitNo,
    string? RoomMasked, string? AddressMasked, Guid? HeadPersonId, bool Registered, IReadOnlyList<ResidentListItem> Members);

/// <summary>Counts that removal on request must not change: every record ever entered (erased ones included), by key group.</summary>
public sealed record ResidentStatisticsRow(string DivisionCode, string DivisionName, int Records, int Erased, int Children, int Aged80Plus,
    IReadOnlyDictionary<string, int> ByKeyGroup);

public static class ResidentTags
{
    public static KeyGroupTagDto Dto(string code) => KeyGroups.Find(code) is { } g ? new(g.Code, g.Name, g.NameEn) : new(code, code, code);
}
