using Jiceng.Web.Platform.Scope;

namespace Jiceng.Web.Modules.Care.Domain;

public enum HelpPlanStatus
{
    Active,
    Closed,
}

/// <summary>"一人一策": a help plan for one person with named helpers and a review date. Its measures are sealed (they speak of health and welfare).</summary>
public sealed class HelpPlan : IDivisionScoped
{
    private readonly List<HelpPlanHelper> _helpers = [];
    private HelpPlan() { }

    public HelpPlan(Guid personId, string divisionPath, string measures, DateOnly reviewDue, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        PersonId = personId;
        DivisionPath = divisionPath;
        Measures = measures;
        ReviewDue = reviewDue;
        CreatedUtc = nowUtc;
        UpdatedUtc = nowUtc;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public string DivisionPath { get; set; } = "";
    /// <summary>Sealed: what is done for the person (needs, measures, agreed support).</summary>
    public string Measures { get; set; } = "";
    public DateOnly ReviewDue { get; set; }
    public HelpPlanStatus Status { get; set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime UpdatedUtc { get; set; }
    public int Version { get; set; }
    public IReadOnlyList<HelpPlanHelper> Helpers => _helpers;

    public void AddHelper(Guid helperPersonId, string? duty)
    {
        if (_helpers.Any(h => h.HelperPersonId == helperPersonId)) return;
        _helpers.Add(new HelpPlanHelper(Id, helperPersonId, duty));
    }

    public void RemoveHelper(Guid helperPersonId) => _helpers.RemoveAll(h => h.HelperPersonId == helperPersonId);
}

/// <summary>A named helper of a help plan: whose name and phone go on the love contact card (爱心联系牌).</summary>
public sealed class HelpPlanHelper(Guid planId, Guid helperPersonId, string? duty)
{
    public Guid PlanId { get; private set; } = planId;
    public Guid HelperPersonId { get; private set; } = helperPersonId;
    /// <summary>包保干部, 网格员, 党员, 志愿者, 家庭医生 …</summary>
    public string? Duty { get; private set; } = duty;
}

/// <summary>走访慰问: who visited whom, when, what was found and what was given.</summary>
public sealed class CareVisit : IDivisionScoped
{
    private CareVisit() { }

    public CareVisit(Guid personId, string divisionPath, Guid? visitorPersonId, Guid? visitorUserId, string visitorName, DateTime visitedUtc,
        string? findings, string? gifts, decimal giftValue, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        PersonId = personId;
        DivisionPath = divisionPath;
        VisitorPersonId = visitorPersonId;
        VisitorUserId = visitorUserId;
        VisitorName = visitorName;
        VisitedUtc = visitedUtc;
        Findings = findings;
        Gifts = gifts;
        GiftValue = giftValue;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public string DivisionPath { get; set; } = "";
    public Guid? VisitorPersonId { get; private set; }
    public Guid? VisitorUserId { get; private set; }
    public string VisitorName { get; private set; } = "";
    public DateTime VisitedUtc { get; private set; }
    /// <summary>Sealed: what was found (health, living conditions, needs).</summary>
    public string? Findings { get; private set; }
    /// <summary>What was given (rice, oil, cash …).</summary>
    public string? Gifts { get; private set; }
    /// <summary>Value of what was given, in yuan.</summary>
    public decimal GiftValue { get; private set; }
    public DateTime CreatedUtc { get; private set; }
}

/// <summary>A due-visit reminder sent for a person and due date, so each is sent once (unique index).</summary>
public sealed class CareVisitReminder(Guid personId, DateOnly dueDate, DateTime sentUtc)
{
    public Guid PersonId { get; private set; } = personId;
    public DateOnly DueDate { get; private set; } = dueDate;
    public DateTime SentUtc { get; private set; } = sentUtc;
}

public enum MedicalPairingKind
{
    /// <summary>"党建+医疗": medical staff responsible for a key person.</summary>
    Responsible,
    /// <summary>家庭医生 signed with the resident.</summary>
    FamilyDoctor,
}

/// <summary>A medical staff member (a person with the MedicalStaff or FamilyDoctor role) paired with a resident.</summary>
public sealed class MedicalPairing : IDivisionScoped
{
    private MedicalPairing() { }

    public MedicalPairing(Guid staffPersonId, Guid personId, string divisionPath, MedicalPairingKind kind, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        StaffPersonId = staffPersonId;
        PersonId = personId;
        DivisionPath = divisionPath;
        Kind = kind;
        SinceUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid StaffPersonId { get; private set; }
    public Guid PersonId { get; private set; }
    public string DivisionPath { get; set; } = "";
    public MedicalPairingKind Kind { get; private set; }
    public DateTime SinceUtc { get; private set; }
}

/// <summary>A guidance record (健康指导) of a medical pairing. The note is sealed (health data).</summary>
public sealed class MedicalGuidance : IDivisionScoped
{
    private MedicalGuidance() { }

    public MedicalGuidance(MedicalPairing pairing, DateTime occurredUtc, string note, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        PairingId = pairing.Id;
        PersonId = pairing.PersonId;
        DivisionPath = pairing.DivisionPath;
        OccurredUtc = occurredUtc;
        Note = note;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid PairingId { get; private set; }
    public Guid PersonId { get; private set; }
    public string DivisionPath { get; set; } = "";
    public DateTime OccurredUtc { get; private set; }
    public string Note { get; private set; } = "";
    public DateTime CreatedUtc { get; private set; }
}

public enum DeviceEventKind
{
    Fall,
    NoMovement,
    Sos,
}

/// <summary>
/// A remote-care device (智慧千里眼) at a person's home. It authenticates with its serial and a secret whose hash only is
/// stored. The last alert (kind, time, case) makes repeated events within the window join the case already opened;
/// <see cref="Version"/> serialises two events arriving at once.
/// </summary>
public sealed class CareDevice : IDivisionScoped
{
    private CareDevice() { }

    public CareDevice(string serial, Guid personId, string divisionPath, string secretHash, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        Serial = serial;
        PersonId = personId;
        DivisionPath = divisionPath;
        SecretHash = secretHash;
        CreatedUtc = nowUtc;
        Active = true;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public string Serial { get; private set; } = "";
    public Guid PersonId { get; set; }
    public string DivisionPath { get; set; } = "";
    public string SecretHash { get; set; } = "";
    /// <summary>For no-movement alerts: the hours of stillness the device is set to report.</summary>
    public int NoMovementHours { get; set; } = 12;
    public bool Active { get; set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? LastEventUtc { get; set; }
    public DateTime? LastAlertUtc { get; set; }
    public long? LastAlertCaseId { get; set; }
    public int Version { get; set; }
}

/// <summary>Every event a device sent, with the case it opened or joined.</summary>
public sealed class CareDeviceEvent : IDivisionScoped
{
    private CareDeviceEvent() { }

    public CareDeviceEvent(CareDevice device, DeviceEventKind kind, DateTime occurredUtc, DateTime receivedUtc, long? caseId, bool duplicate, string? detail)
    {
        DeviceId = device.Id;
        DivisionPath = device.DivisionPath;
        Kind = kind;
        OccurredUtc = occurredUtc;
        ReceivedUtc = receivedUtc;
        CaseId = caseId;
        Duplicate = duplicate;
        Detail = detail;
    }

    public long Id { get; private set; }
    public Guid DeviceId { get; private set; }
    public string DivisionPath { get; private set; } = "";
    public DeviceEventKind Kind { get; private set; }
    public DateTime OccurredUtc { get; private set; }
    public DateTime ReceivedUtc { get; private set; }
    public long? CaseId { get; private set; }
    /// <summary>Joined a case opened by an earlier event within the window.</summary>
    public bool Duplicate { get; private set; }
    public string? Detail { get; private set; }
}
