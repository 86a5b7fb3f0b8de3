using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.ElderlyChildren.Domain;

public enum ProgrammeKind
{
    /// <summary>四点半课堂: homework help after school.</summary>
    AfterSchool,
    /// <summary>童心港湾: a children's room with activities.</summary>
    ChildrenHarbour,
    Other,
}

/// <summary>A children's programme of a community for one term, with a capacity held in the database.</summary>
public sealed class ChildrenProgramme : IDivisionScoped
{
    private ChildrenProgramme() { }

    public ChildrenProgramme(string divisionCode, string divisionPath, string name, ProgrammeKind kind, string place, string term,
        DateOnly termStart, DateOnly termEnd, int capacity, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        DivisionCode = divisionCode;
        DivisionPath = divisionPath;
        Name = name;
        Kind = kind;
        Place = place;
        Term = term;
        TermStart = termStart;
        TermEnd = termEnd;
        Capacity = capacity;
        CreatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public string Name { get; set; } = "";
    public ProgrammeKind Kind { get; set; }
    public string Place { get; set; } = "";
    public string Term { get; set; } = "";
    public DateOnly TermStart { get; set; }
    public DateOnly TermEnd { get; set; }
    public int Capacity { get; set; }
    /// <summary>Active enrolments; changed only by conditional updates (capacity).</summary>
    public int EnrolledCount { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public int Version { get; set; }

    /// <summary>When it was taken out of service; null while it is in service. History (orders, checks, enrolments) stays.</summary>
    public DateTime? DeactivatedUtc { get; private set; }
    public bool IsActive => DeactivatedUtc is null;

    public void Deactivate(DateTime nowUtc) => DeactivatedUtc ??= nowUtc;
    public void Reactivate() => DeactivatedUtc = null;
}

/// <summary>One session of a programme.</summary>
public sealed class ProgrammeSession : IDivisionScoped
{
    private ProgrammeSession() { }

    public ProgrammeSession(ChildrenProgramme programme, DateOnly date, TimeOnly start, TimeOnly end, string topic, string tutor)
    {
        Id = Guid.NewGuid();
        ProgrammeId = programme.Id;
        DivisionPath = programme.DivisionPath;
        Date = date;
        Start = start;
        End = end;
        Topic = topic;
        Tutor = tutor;
    }

    public Guid Id { get; private set; }
    public Guid ProgrammeId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }
    public string Topic { get; private set; } = "";
    public string Tutor { get; private set; } = "";
}

public enum ConsentMethod
{
    /// <summary>Signed on paper, recorded by staff.</summary>
    Paper,
    /// <summary>Given online by the guardian's own account.</summary>
    Online,
}

public enum EnrolmentStatus
{
    Active,
    Withdrawn,
}

/// <summary>
/// A child enrolled in a programme: a person of the community, or a name and birth date when not registered. Under 14
/// the name is sealed (only the mask is plain, as for Person) and the guardian's consent is required. The guardian's
/// account owns the row when they enrolled online.
/// </summary>
public sealed class ProgrammeEnrolment : IUserOwned
{
    private ProgrammeEnrolment() { }

    public ProgrammeEnrolment(ChildrenProgramme programme, Guid? personId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ProgrammeId = programme.Id;
        DivisionCode = programme.DivisionCode;
        DivisionPath = programme.DivisionPath;
        PersonId = personId;
        EnrolledUtc = nowUtc;
        Status = EnrolmentStatus.Active;
    }

    public Guid Id { get; private set; }
    public Guid ProgrammeId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string DivisionPath { get; private set; } = "";
    public Guid? PersonId { get; private set; }
    /// <summary>Shown name: the mask for a child under 14.</summary>
    public string ChildName { get; private set; } = "";
    /// <summary>Sealed: the full name of a child under 14.</summary>
    public string? SealedChildName { get; private set; }
    /// <summary>Sealed: yyyy-MM-dd.</summary>
    public string? ChildBirthDate { get; private set; }
    /// <summary>Age in whole years at enrolment (plain: figures by age without the birth date).</summary>
    public int AgeAtEnrolment { get; private set; }
    /// <summary>Sealed.</summary>
    public string? GuardianName { get; private set; }
    public string? GuardianRelation { get; private set; }
    /// <summary>Sealed.</summary>
    public string? GuardianPhone { get; private set; }
    public DateTime? ConsentGivenUtc { get; private set; }
    public ConsentMethod? ConsentMethod { get; private set; }
    /// <summary>The guardian's account when they enrolled online.</summary>
    public Guid? UserId { get; private set; }
    public Guid? RecordedByUserId { get; set; }
    public DateTime EnrolledUtc { get; private set; }
    public EnrolmentStatus Status { get; private set; }
    public DateTime? WithdrawnUtc { get; private set; }

    public void SetChild(string fullName, DateOnly birthDate, int age)
    {
        ChildBirthDate = birthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        AgeAtEnrolment = age;
        if (age < Residents.Domain.Person.ChildAge)
        {
            SealedChildName = fullName;
            ChildName = Platform.Protection.Mask.Name(fullName)!;
        }
        else
        {
            SealedChildName = null;
            ChildName = fullName;
        }
    }

    public void SetConsent(string guardianName, string relation, string? phone, DateTime givenUtc, ConsentMethod method, Guid? guardianUserId)
    {
        GuardianName = guardianName;
        GuardianRelation = relation;
        GuardianPhone = phone;
        ConsentGivenUtc = givenUtc;
        ConsentMethod = method;
        UserId = guardianUserId;
    }

    public void Withdraw(DateTime nowUtc)
    {
        Status = EnrolmentStatus.Withdrawn;
        WithdrawnUtc = nowUtc;
    }
}

public enum AttendanceStatus
{
    Present,
    Absent,
    Leave,
}

/// <summary>Whether an enrolled child came to a session.</summary>
public sealed class SessionAttendance : IDivisionScoped
{
    private SessionAttendance() { }

    public SessionAttendance(ProgrammeSession session, Guid enrolmentId, AttendanceStatus status, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        SessionId = session.Id;
        ProgrammeId = session.ProgrammeId;
        DivisionPath = session.DivisionPath;
        EnrolmentId = enrolmentId;
        Status = status;
        RecordedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public Guid ProgrammeId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public Guid EnrolmentId { get; private set; }
    public AttendanceStatus Status { get; set; }
    public DateTime RecordedUtc { get; set; }
}
