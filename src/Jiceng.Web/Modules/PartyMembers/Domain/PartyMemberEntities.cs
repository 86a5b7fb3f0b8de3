using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.PartyMembers.Domain;

public enum RegistrationStatus
{
    Pending = 0,
    Confirmed = 1,
    Declined = 2,
    Ended = 3,
}

/// <summary>
/// 双报到 (individual half): an in-service party member reports to the residential community where they live; the
/// community confirms. One open (pending or confirmed) registration per member account. The member sees it (owner),
/// and so does their employer unit when it is a co-building unit (the "六个一" report goes back to it).
/// </summary>
public sealed class MemberRegistration : IUserOwned, IUnitOwned
{
    private MemberRegistration() { }

    public MemberRegistration(Guid userId, string divisionCode, string divisionPath, string memberName, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        UserId = userId;
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        MemberName = memberName;
        Status = RegistrationStatus.Pending;
        RequestedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    /// <summary>The member's account.</summary>
    public Guid? UserId { get; private set; }
    /// <summary>The member's person record (party member role, in service), when linked.</summary>
    public Guid? PersonId { get; set; }
    /// <summary>The residential community reported to.</summary>
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public string MemberName { get; set; } = "";
    /// <summary>The employer when it is a co-building unit (its party organisation receives the report).</summary>
    public Guid? UnitId { get; set; }
    /// <summary>The employer's name as given (any employer, unit or not).</summary>
    public string EmployerName { get; set; } = "";
    /// <summary>The employer's party organisation (党组织) the member belongs to.</summary>
    public string? EmployerPartyOrganisation { get; set; }
    /// <summary>Skills and services the member offers (法律咨询, 义诊, 家电维修 …).</summary>
    public string? Skills { get; set; }
    public RegistrationStatus Status { get; set; }
    public DateTime RequestedUtc { get; private set; }
    public DateTime? DecidedUtc { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public string? DecisionNote { get; set; }
    public DateTime? EndedUtc { get; set; }
    public int Version { get; private set; }

    public void Touch() => Version++;
}

/// <summary>The kinds of community occasions that complete a "六个一" item by attendance.</summary>
public enum MemberSessionKind
{
    /// <summary>参加1次社区党组织生活.</summary>
    OrganisationLife = 0,
    /// <summary>与社区干部进行1次座谈.</summary>
    CadreDiscussion = 1,
    /// <summary>开展1次社区调研.</summary>
    Survey = 2,
}

/// <summary>A community occasion (organisation life, discussion with cadres, survey) that registered members attend.</summary>
public sealed class MemberSession : IDivisionScoped
{
    private MemberSession() { }

    public MemberSession(string divisionCode, string divisionPath, MemberSessionKind kind, string title, DateOnly heldOn, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Kind = kind;
        Title = title;
        HeldOn = heldOn;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public MemberSessionKind Kind { get; private set; }
    public string Title { get; set; } = "";
    public DateOnly HeldOn { get; set; }
    public string? Place { get; set; }
    /// <summary>What was discussed or found (a survey's findings).</summary>
    public string? Summary { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedUtc { get; private set; }
}

/// <summary>A registered member attended a session (recorded by community staff). The member sees their own rows.</summary>
public sealed class MemberSessionAttendance : IUserOwned
{
    private MemberSessionAttendance() { }

    public MemberSessionAttendance(MemberSession session, MemberRegistration registration, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        SessionId = session.Id;
        RegistrationId = registration.Id;
        UserId = registration.UserId;
        DivisionPath = session.DivisionPath;
        Kind = session.Kind;
        HeldOn = session.HeldOn;
        RecordedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public Guid RegistrationId { get; private set; }
    public Guid? UserId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    /// <summary>Copied from the session: the checklist reads attendance alone.</summary>
    public MemberSessionKind Kind { get; private set; }
    public DateOnly HeldOn { get; private set; }
    /// <summary>The member's contribution (a survey report's summary, a point raised).</summary>
    public string? Note { get; set; }
    public DateTime RecordedUtc { get; private set; }
}
