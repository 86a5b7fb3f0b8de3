using Jiceng.Web.Platform.Protection;
using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.Residents.Domain;

/// <summary>
/// One person, whatever roles they have (resident, party member, community worker, grid worker, volunteer, medical staff):
/// the roles are <see cref="PersonRole"/> rows, key groups are <see cref="PersonTag"/> rows.
/// Sealed properties are encrypted at rest by the context's converter; the keyed hashes beside them serve exact search;
/// the phone's last four digits are kept plain because the mask shows them anyway (search by phone tail).
/// A child under 14 keeps even the name sealed (<see cref="SealedName"/>); <see cref="Name"/> then holds only the mask.
/// </summary>
public sealed class Person : IDivisionScoped
{
    public const int ChildAge = 14;
    private Person() { }

    public Person(string divisionCode, string divisionPath, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        CreatedUtc = nowUtc;
        UpdatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    /// <summary>The community (or village) the person lives in or works for.</summary>
    public string DivisionCode { get; set; } = "";
    public string DivisionPath { get; set; } = "";
    public Guid? GridId { get; set; }
    public Guid? HouseholdId { get; set; }
    /// <summary>与户主关系: 户主, 配偶, 子女, 父母 …</summary>
    public string? RelationToHead { get; set; }

    /// <summary>The name shown and searched; for a child under 14 only the masked form (张*).</summary>
    public string Name { get; private set; } = "";
    /// <summary>Sealed: a child's full name.</summary>
    public string? SealedName { get; private set; }
    /// <summary>Sealed: the identity number (GB 11643), normalised.</summary>
    public string? IdNumber { get; private set; }
    /// <summary>Keyed hash of <see cref="IdNumber"/>: find by ID number, and no two records with the same one.</summary>
    public string? IdNumberHash { get; private set; }
    /// <summary>Sealed.</summary>
    public string? Phone { get; private set; }
    public string? PhoneHash { get; private set; }
    /// <summary>The last four digits, plain (the mask shows them): search by phone tail.</summary>
    public string? PhoneTail { get; private set; }
    /// <summary>Sealed: the exact address when it is not the household's.</summary>
    public string? Address { get; set; }
    /// <summary>Sealed: birth date (yyyy-MM-dd).</summary>
    public string? BirthDate { get; private set; }
    /// <summary>Plain birth year: age bands for the ledgers (高龄 80+) without the exact date.</summary>
    public int? BirthYear { get; private set; }
    public bool? IsMale { get; set; }
    /// <summary>Sealed: health status (chronic illness, disability grade …).</summary>
    public string? HealthNote { get; set; }
    /// <summary>Sealed: welfare status (低保/特困 certificate, allowance …).</summary>
    public string? WelfareNote { get; set; }
    /// <summary>The person's own account, when they have one (a grid worker, a party member …).</summary>
    public Guid? UserId { get; set; }

    public DateTime CreatedUtc { get; private set; }
    public DateTime UpdatedUtc { get; set; }
    /// <summary>Set when the person's data was removed on request: personal fields are erased, the row stays for the statistics.</summary>
    public DateTime? ErasedUtc { get; private set; }
    public int Version { get; private set; }

    public bool IsChild(DateOnly today) => AgeOn(today) is { } age && age < ChildAge;

    public int? AgeOn(DateOnly today)
    {
        if (BirthDate is { } text && DateOnly.TryParse(text, out var birth))
        {
            var age = today.Year - birth.Year;
            return birth > today.AddYears(-age) ? age - 1 : age;
        }
        return BirthYear is { } year ? today.Year - year : null;
    }

    /// <summary>The full name for someone allowed to see it (a child's is unsealed; otherwise <see cref="Name"/>).</summary>
    public string FullName => SealedName ?? Name;

    public void SetName(string name, DateOnly today)
    {
        var trimmed = name.Trim();
        if (IsChild(today))
        {
            SealedName = trimmed;
            Name = Mask.Name(trimmed)!;
        }
        else
        {
            SealedName = null;
            Name = trimmed;
        }
    }

    /// <summary>Sets the (validated, normalised) ID number with its hash, and the birth date and sex it encodes.</summary>
    public void SetIdNumber(string? normalisedId, PersonalDataProtector protector, DateOnly today)
    {
        IdNumber = normalisedId;
        IdNumberHash = normalisedId is null ? null : protector.Hash("id:" + normalisedId);
        if (normalisedId is not null && ChineseIdNumber.BirthDate(normalisedId) is { } birth)
        {
            BirthDate = birth.ToString("yyyy-MM-dd");
            BirthYear = birth.Year;
            IsMale = ChineseIdNumber.IsMale(normalisedId);
        }
        // A child's name is sealed; re-apply the rule now that the age is known.
        SetName(FullName, today);
    }

    public void SetBirthDate(DateOnly? birth, DateOnly today)
    {
        BirthDate = birth?.ToString("yyyy-MM-dd");
        BirthYear = birth?.Year;
        SetName(FullName, today);
    }

    public void SetPhone(string? phone, PersonalDataProtector protector)
    {
        Phone = phone;
        PhoneHash = phone is null ? null : protector.Hash("phone:" + phone);
        PhoneTail = phone is { Length: >= 4 } ? phone[^4..] : null;
    }

    public void Touch(DateTime nowUtc)
    {
        UpdatedUtc = nowUtc;
        Version++;
    }

    /// <summary>
    /// Removal on request (PIPL art. 47): every personal field is erased; what the statistics count stays (community,
    /// grid, birth year, sex, key group tags), so the ledgers' totals do not change.
    /// </summary>
    public void Erase(DateTime nowUtc)
    {
        Name = "（已删除）";
        SealedName = null;
        IdNumber = null;
        IdNumberHash = null;
        Phone = null;
        PhoneHash = null;
        PhoneTail = null;
        Address = null;
        BirthDate = null;
        HealthNote = null;
        WelfareNote = null;
        HouseholdId = null;
        RelationToHead = null;
        UserId = null;
        ErasedUtc = nowUtc;
        Touch(nowUtc);
    }
}

/// <summary>The roles a person record can hold besides being a resident.</summary>
public enum PersonRoleKind
{
    PartyMember,
    CommunityWorker,
    GridWorker,
    Volunteer,
    MedicalStaff,
    FamilyDoctor,
}

/// <summary>A role of a person: party member (organisation, in service or not), community worker (certified or not) …</summary>
public sealed class PersonRole : IDivisionScoped
{
    private PersonRole() { }

    public PersonRole(Person person, PersonRoleKind kind, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        PersonId = person.Id;
        DivisionPath = person.DivisionPath;
        Kind = kind;
        SinceUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public string DivisionPath { get; set; } = "";
    public PersonRoleKind Kind { get; private set; }
    /// <summary>Party member: the organisation the membership is in.</summary>
    public Guid? PartyOrganisationId { get; set; }
    /// <summary>Party member: in service (在职党员, reports to the residential community: 双报到).</summary>
    public bool InService { get; set; }
    /// <summary>Employer or institution (in-service party member's unit, medical staff's hospital).</summary>
    public string? Employer { get; set; }
    /// <summary>Community worker: holds the social work certificate (持证).</summary>
    public bool Certified { get; set; }
    /// <summary>Post or title: 社区书记, 网格长, 主治医师 …</summary>
    public string? Title { get; set; }
    public DateTime SinceUtc { get; private set; }
}

/// <summary>A key group a person belongs to (独居老人, 低保 …): the code only; details are sealed on the person.</summary>
public sealed class PersonTag(Guid personId, string groupCode, DateTime addedUtc)
{
    public Guid PersonId { get; private set; } = personId;
    public string GroupCode { get; private set; } = groupCode;
    public DateTime AddedUtc { get; private set; } = addedUtc;
}

/// <summary>A household (户): where it is (grid, building, unit, room) and who belongs to it (persons refer to it).</summary>
public sealed class Household : IDivisionScoped
{
    private Household() { }

    public Household(string divisionCode, string divisionPath, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; set; } = "";
    public string DivisionPath { get; set; } = "";
    public Guid? GridId { get; set; }
    public Guid? BuildingId { get; set; }
    /// <summary>单元 number inside the building.</summary>
    public int? UnitNo { get; set; }
    /// <summary>Sealed: the room (门牌号), which with the building is the exact address.</summary>
    public string? Room { get; set; }
    /// <summary>Sealed: the full address as written (for households outside a mapped building).</summary>
    public string? Address { get; set; }
    public Guid? HeadPersonId { get; set; }
    /// <summary>户籍 (registered) or 流动 (non-registered, living here).</summary>
    public bool Registered { get; set; } = true;
    public DateTime CreatedUtc { get; private set; }
}

/// <summary>
/// Facts about a community that records alone cannot give: the urban resident population the staffing standard is
/// measured against (18 community workers per 10,000 urban residents).
/// </summary>
public sealed class CommunityProfile : IDivisionScoped
{
    private CommunityProfile() { }

    public CommunityProfile(string divisionCode, string divisionPath)
    {
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
    }

    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    /// <summary>常住城镇人口 as published; null: count the person records instead.</summary>
    public int? UrbanResidents { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
