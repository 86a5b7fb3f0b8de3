using Jiceng.Web.Data;
using Jiceng.Web.Modules.Cases.Features;
using Jiceng.Web.Modules.Grids.Domain;
using Jiceng.Web.Modules.Residents.Domain;
using Jiceng.Web.Platform.Audit;
using Jiceng.Web.Platform.Errors;
using Jiceng.Web.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Jiceng.Web.Modules.Residents.Features;

/// <summary>
/// Enters and corrects people, households, roles and key-group tags, and removes a person's data on request.
/// Every change is inside the caller's scope: a person of another community is not found (404), a community outside
/// the scope is a bad request.
/// </summary>
public sealed class ResidentRegistry(AppDbContext db, TimeProvider time, AuditTrail audit)
{
    public const string HeadRelation = "户主";

    public static Error InvalidIdNumber(string why) => new(ResidentErrorCodes.InvalidIdNumber, StatusCodes.Status400BadRequest, why);

    public static readonly Error InvalidPhone = new(ResidentErrorCodes.InvalidPhone, StatusCodes.Status400BadRequest,
        "手机号格式不正确 / phone must be a mainland mobile (11 digits, 1[3-9]…) or a landline (区号-号码).");

    public static readonly Error DuplicatePerson = new(ResidentErrorCodes.DuplicatePerson, StatusCodes.Status409Conflict,
        "该身份证号已登记 / A person with this ID number is already registered.");

    private static readonly Error NotACommunity = Error.Validation("请选择您范围内的社区或村 / divisionCode must be a community or village in your scope.");

    /// <summary>Checks and normalises an ID number (null or blank: none given).</summary>
    public static Result<string?> CheckIdNumber(string? value, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value)) return (string?)null;
        return ChineseIdNumber.Problem(value, today) is { } problem ? InvalidIdNumber(problem) : ChineseIdNumber.Normalise(value);
    }

    /// <summary>Checks a phone (null or blank: none given) with the one rule of the whole app.</summary>
    public static Result<string?> CheckPhone(string? value)
    {
        var phone = ResidentPlaces.Blank(value)?.Replace(" ", "", StringComparison.Ordinal);
        if (phone is null) return (string?)null;
        return CaseIntake.IsPhone(phone) ? phone : InvalidPhone;
    }

    public static Result<List<string>> CheckTags(IEnumerable<string>? tags)
    {
        var codes = new List<string>();
        foreach (var tag in tags ?? [])
        {
            if (string.IsNullOrWhiteSpace(tag)) continue;
            if (KeyGroups.FindByAnyName(tag) is not { } group) return Error.Validation($"未知的重点人群 / Unknown key group '{tag}'.");
            if (!codes.Contains(group.Code)) codes.Add(group.Code);
        }
        return codes;
    }

    public async Task<Result<Person>> CreateAsync(CreateResidentRequest request, CancellationToken ct = default)
    {
        var today = ResidentPlaces.Today(time);
        var now = time.GetUtcNow().UtcDateTime;
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name)) return Error.Validation("姓名不能为空 / name is required.");
        var id = CheckIdNumber(request.IdNumber, today);
        if (!id.IsSuccess) return id.Error!;
        var phone = CheckPhone(request.Phone);
        if (!phone.IsSuccess) return phone.Error!;
        var tags = CheckTags(request.Tags);
        if (!tags.IsSuccess) return tags.Error!;
        var community = await ResidentPlaces.CommunityAsync(db, request.DivisionCode, ct);
        if (community is null) return NotACommunity;

        var place = await PlaceAsync(community, request.GridId, request.HouseholdId, request.BuildingId, request.UnitNo, request.Room, now, ct);
        if (!place.IsSuccess) return place.Error!;
        var (gridId, household, newHousehold) = place.Value;

        var person = new Person(community.Code, community.Path, now);
        person.SetName(name, today);
        person.SetIdNumber(id.Value, PersonalData.Protector, today);
        person.SetPhone(phone.Value, PersonalData.Protector);
        person.Address = ResidentPlaces.Blank(request.Address);
        person.HealthNote = ResidentPlaces.Blank(request.HealthNote);
        person.WelfareNote = ResidentPlaces.Blank(request.WelfareNote);
        person.GridId = gridId ?? household?.GridId;
        person.HouseholdId = household?.Id;
        person.RelationToHead = ResidentPlaces.Blank(request.RelationToHead) ?? (newHousehold ? HeadRelation : null);
        if (household is not null && person.RelationToHead == HeadRelation && household.HeadPersonId is null) household.HeadPersonId = person.Id;

        if (person.IdNumberHash is { } hash && await db.People.AnyAsync(p => p.IdNumberHash == hash, ct)) return DuplicatePerson;
        db.People.Add(person);
        db.PersonTags.AddRange(tags.Value!.Select(code => new PersonTag(person.Id, code, now)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (IsDuplicateIdNumber(e))
        {
            // Registered in a community outside the caller's scope: the unique index is the one rule for all.
            return DuplicatePerson;
        }
        return person;
    }

    public static bool IsDuplicateIdNumber(DbUpdateException e) =>
        e.InnerException?.Message.Contains(nameof(Person.IdNumberHash), StringComparison.Ordinal) == true;

    /// <summary>
    /// Where the person lives: a given household, or the household at building + unit + room (joined when it exists,
    /// created otherwise). Grid and building must be of the community.
    /// </summary>
    private async Task<Result<(Guid? GridId, Household? Household, bool Created)>> PlaceAsync(ResidentDivision community, Guid? gridId, Guid? householdId,
        Guid? buildingId, int? unitNo, string? room, DateTime now, CancellationToken ct)
    {
        if (gridId is { } g && !await db.Grids.AnyAsync(x => x.Id == g && x.DivisionCode == community.Code, ct))
        {
            return Error.Validation("该网格不属于所选社区 / gridId is not a grid of that community.");
        }
        if (householdId is { } h)
        {
            var existing = await db.Households.SingleOrDefaultAsync(x => x.Id == h && x.DivisionCode == community.Code, ct);
            return existing is null ? Error.Validation("该户不属于所选社区 / householdId is not a household of that community.") : (gridId ?? existing.GridId, existing, false);
        }
        if (buildingId is not { } b) return (gridId, null, false);
        var building = await db.Buildings.AsNoTracking().SingleOrDefaultAsync(x => x.Id == b && x.DivisionCode == community.Code, ct);
        if (building is null) return Error.Validation("该楼栋不属于所选社区 / buildingId is not a building of that community.");
        if (unitNo is { } u && building.Units > 0 && u > building.Units) return Error.Validation($"该楼栋只有 {building.Units} 个单元 / The building has {building.Units} units.");
        var roomText = ResidentPlaces.Blank(room);
        // The room is sealed (encrypted with a fresh nonce), so the building's households are compared after reading.
        var candidates = await db.Households.Where(x => x.BuildingId == b && x.UnitNo == unitNo).ToListAsync(ct);
        var household = roomText is null ? null : candidates.FirstOrDefault(x => x.Room == roomText);
        if (household is not null) return (gridId ?? household.GridId, household, false);
        household = new Household(community.Code, community.Path, now) { GridId = gridId ?? building.GridId, BuildingId = b, UnitNo = unitNo, Room = roomText };
        db.Households.Add(household);
        return (gridId ?? building.GridId, household, true);
    }

    /// <summary>
    /// Moves a person to another household of their community: a given household, or the one at building + unit + room
    /// (joined when it exists, created otherwise, the person then heading it). A household the person headed is left
    /// without a head until someone else is named.
    /// </summary>
    public async Task<Result<Person>> MoveToHouseholdAsync(Guid id, MoveHouseholdRequest request, CancellationToken ct = default)
    {
        if (request.HouseholdId is null && request.BuildingId is null)
        {
            return Error.Validation("请选择一户或楼栋 / Choose a household, or a building with unit and room.");
        }
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Error.NotFound("Resident");
        if (person.ErasedUtc is not null) return Error.Conflict("该人员信息已按申请删除 / This person's data was removed on request.");
        if (request.Version is { } version && version != person.Version)
        {
            return Error.Conflict("信息已被他人修改，请刷新后重试 / The record was changed by someone else; reload and try again.");
        }
        var community = await ResidentPlaces.CommunityAsync(db, person.DivisionCode, ct);
        if (community is null) return Error.NotFound("Resident");
        var now = time.GetUtcNow().UtcDateTime;
        var place = await PlaceAsync(community, null, request.HouseholdId, request.BuildingId, request.UnitNo, request.Room, now, ct);
        if (!place.IsSuccess) return place.Error!;
        var (gridId, household, created) = place.Value;
        if (household!.Id == person.HouseholdId) return person;

        if (person.HouseholdId is { } oldId && await db.Households.SingleOrDefaultAsync(h => h.Id == oldId, ct) is { } old && old.HeadPersonId == person.Id)
        {
            old.HeadPersonId = null;
        }
        person.HouseholdId = household.Id;
        person.GridId = gridId ?? person.GridId;
        person.RelationToHead = ResidentPlaces.Blank(request.RelationToHead) ?? (created ? HeadRelation : null);
        if (person.RelationToHead == HeadRelation && household.HeadPersonId is null) household.HeadPersonId = person.Id;
        person.Touch(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("信息已被他人修改，请刷新后重试 / The record was changed by someone else; reload and try again.");
        }
        await audit.RecordAsync(ResidentAuditActions.Corrected, AuditResult.Success, nameof(Person), person.Id.ToString(),
            Detail(request.Reason, ["household"]), cancellationToken: ct);
        return person;
    }

    public async Task<Result<Household>> CreateHouseholdAsync(CreateHouseholdRequest request, CancellationToken ct = default)
    {
        var community = await ResidentPlaces.CommunityAsync(db, request.DivisionCode, ct);
        if (community is null) return NotACommunity;
        var now = time.GetUtcNow().UtcDateTime;
        if (request.BuildingId is null && string.IsNullOrWhiteSpace(request.Address))
        {
            return Error.Validation("请填写楼栋或地址 / A household needs a building or an address.");
        }
        var place = await PlaceAsync(community, request.GridId, null, request.BuildingId, request.UnitNo, request.Room, now, ct);
        if (!place.IsSuccess) return place.Error!;
        var (gridId, household, created) = place.Value;
        if (household is not null && !created) return Error.Conflict("该门牌已登记为一户 / A household at this room already exists.");
        if (household is null)
        {
            household = new Household(community.Code, community.Path, now) { GridId = gridId };
            db.Households.Add(household);
        }
        household.Address = ResidentPlaces.Blank(request.Address);
        household.Registered = request.Registered;
        await db.SaveChangesAsync(ct);
        return household;
    }

    public async Task<Result<Person>> UpdateAsync(Guid id, UpdateResidentRequest request, int? expectedVersion, CancellationToken ct = default)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Error.NotFound("Resident");
        if (person.ErasedUtc is not null) return Error.Conflict("该人员信息已按申请删除 / This person's data was removed on request.");
        if ((expectedVersion ?? request.Version) is { } version && version != person.Version)
        {
            return Error.Conflict("信息已被他人修改，请刷新后重试 / The record was changed by someone else; reload and try again.");
        }
        var today = ResidentPlaces.Today(time);
        var changed = new List<string>();
        if (request.IdNumber is not null)
        {
            var checkedId = CheckIdNumber(request.IdNumber, today);
            if (!checkedId.IsSuccess) return checkedId.Error!;
            if (checkedId.Value != person.IdNumber)
            {
                person.SetIdNumber(checkedId.Value, PersonalData.Protector, today);
                if (person.IdNumberHash is { } hash && await db.People.AnyAsync(p => p.IdNumberHash == hash && p.Id != person.Id, ct)) return DuplicatePerson;
                changed.Add("idNumber");
            }
        }
        if (request.Phone is not null)
        {
            var phone = CheckPhone(request.Phone);
            if (!phone.IsSuccess) return phone.Error!;
            if (phone.Value != person.Phone)
            {
                person.SetPhone(phone.Value, PersonalData.Protector);
                changed.Add("phone");
            }
        }
        if (request.Name is not null)
        {
            if (string.IsNullOrWhiteSpace(request.Name)) return Error.Validation("姓名不能为空 / name cannot be empty.");
            if (request.Name.Trim() != person.FullName)
            {
                person.SetName(request.Name, today);
                changed.Add("name");
            }
        }
        if (request.GridId is { } gridId && gridId != person.GridId)
        {
            if (!await db.Grids.AnyAsync(g => g.Id == gridId && g.DivisionCode == person.DivisionCode, ct))
            {
                return Error.Validation("该网格不属于此人所在社区 / gridId is not a grid of the person's community.");
            }
            person.GridId = gridId;
            changed.Add("grid");
        }
        Set(request.Address, person.Address, v => person.Address = v, "address", changed);
        Set(request.RelationToHead, person.RelationToHead, v => person.RelationToHead = v, "relationToHead", changed);
        Set(request.HealthNote, person.HealthNote, v => person.HealthNote = v, "healthNote", changed);
        Set(request.WelfareNote, person.WelfareNote, v => person.WelfareNote = v, "welfareNote", changed);
        if (changed.Count == 0) return person;
        person.Touch(time.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("信息已被他人修改，请刷新后重试 / The record was changed by someone else; reload and try again.");
        }
        catch (DbUpdateException e) when (IsDuplicateIdNumber(e))
        {
            return DuplicatePerson;
        }
        await audit.RecordAsync(ResidentAuditActions.Corrected, AuditResult.Success, nameof(Person), person.Id.ToString(),
            Detail(request.Reason, changed), cancellationToken: ct);
        return person;
    }

    private static void Set(string? requested, string? current, Action<string?> set, string field, List<string> changed)
    {
        if (requested is null) return;
        var value = ResidentPlaces.Blank(requested);
        if (value == current) return;
        set(value);
        changed.Add(field);
    }

    /// <summary>What an audit entry says about a read or change of personal data: the reason and the field names, never the values.</summary>
    public static string Detail(string? reason, IEnumerable<string> fields) =>
        $"reason: {ResidentPlaces.Blank(reason) ?? "-"}; fields: {string.Join(",", fields)}";

    public async Task<Result<Person>> SetTagAsync(Guid id, string code, bool present, CancellationToken ct = default)
    {
        if (KeyGroups.Find(code) is null) return Error.Validation($"未知的重点人群 / Unknown key group '{code}'.");
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Error.NotFound("Resident");
        // The tag is reached through the person, who passed the scope filter.
        var tag = await db.PersonTags.SingleOrDefaultAsync(t => t.PersonId == id && t.GroupCode == code, ct);
        if (present && tag is null) db.PersonTags.Add(new PersonTag(id, code, time.GetUtcNow().UtcDateTime));
        if (!present && tag is not null) db.PersonTags.Remove(tag);
        await db.SaveChangesAsync(ct);
        return person;
    }

    public static bool TryParseRole(string kind, out PersonRoleKind role) =>
        Enum.TryParse(kind.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out role)
        && Enum.IsDefined(role) && !int.TryParse(kind, out _);

    public async Task<Result<Person>> SetRoleAsync(Guid id, string kind, PersonRoleRequest? request, CancellationToken ct = default)
    {
        if (!TryParseRole(kind, out var roleKind))
        {
            return Error.Validation($"未知的角色 / Unknown role '{kind}' (one of {string.Join(", ", Enum.GetNames<PersonRoleKind>())}).");
        }
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Error.NotFound("Resident");
        var role = await db.PersonRoles.SingleOrDefaultAsync(r => r.PersonId == id && r.Kind == roleKind, ct);
        if (request is null)
        {
            if (role is not null) db.PersonRoles.Remove(role);
            await db.SaveChangesAsync(ct);
            return person;
        }
        if (person.ErasedUtc is not null) return Error.Conflict("该人员信息已按申请删除 / This person's data was removed on request.");
        if (request.PartyOrganisationId is { } organisation && !await db.PartyOrganisations.AnyAsync(o => o.Id == organisation, ct))
        {
            return Error.Validation("党组织不存在或不在您的范围内 / partyOrganisationId is not a party organisation in your scope.");
        }
        if (role is null)
        {
            role = new PersonRole(person, roleKind, time.GetUtcNow().UtcDateTime);
            db.PersonRoles.Add(role);
        }
        role.PartyOrganisationId = request.PartyOrganisationId ?? role.PartyOrganisationId;
        role.InService = request.InService ?? role.InService;
        role.Employer = request.Employer is null ? role.Employer : ResidentPlaces.Blank(request.Employer);
        role.Certified = request.Certified ?? role.Certified;
        role.Title = request.Title is null ? role.Title : ResidentPlaces.Blank(request.Title);
        await db.SaveChangesAsync(ct);
        return person;
    }

    /// <summary>
    /// Removal on request (PIPL art. 47): the personal fields are erased, the row stays with what the statistics count.
    /// The person leaves their household (a household they headed has no head until someone else is named).
    /// </summary>
    public async Task<Result<Person>> EraseAsync(Guid id, string? reason, CancellationToken ct = default)
    {
        if (ResidentPlaces.Blank(reason) is not { Length: >= 2 } why) return Error.Validation("请填写删除原因（至少 2 个字）/ A reason of at least 2 characters is required.");
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Error.NotFound("Resident");
        if (person.ErasedUtc is not null) return person;
        var headed = await db.Households.Where(h => h.HeadPersonId == id).ToListAsync(ct);
        foreach (var household in headed) household.HeadPersonId = null;
        person.Erase(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(ResidentAuditActions.Erased, AuditResult.Success, nameof(Person), person.Id.ToString(),
            $"reason: {why}", cancellationToken: ct);
        return person;
    }
}

/// <summary>Audit action names of the residents module. Stable: auditors filter on them.</summary>
public static class ResidentAuditActions
{
    public const string Unmasked = "resident.unmask";
    public const string ExportedForPerson = "resident.export_person";
    public const string ExportedList = "resident.export_list";
    public const string Corrected = "resident.correct";
    public const string Erased = "resident.erase";
    public const string Imported = "resident.import";
}

/// <summary>Tells whether a building name is the same as the file's, ignoring spaces (林苑小区 3号楼 = 林苑小区3号楼).</summary>
internal static class BuildingNames
{
    public static string Key(string? compound, string name) =>
        ((compound ?? "") + name).Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal);

    public static string Key(Building b) => Key(b.Compound, b.Name);
}
