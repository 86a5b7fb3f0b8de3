namespace Jiceng.Web.Modules.Cases.Domain;

/// <summary>Where a case is in the loop (PRODUCT.md §2). Names are stored and published in the API: never rename.</summary>
public enum CaseStatus
{
    /// <summary>待受理: waiting for the community to accept or reject.</summary>
    Submitted,
    /// <summary>不予受理 (final).</summary>
    Rejected,
    /// <summary>已受理/已吹哨: accepted, waiting to be dispatched at its escalation level (community, street or county).</summary>
    Accepted,
    /// <summary>已派单: waiting for the lead department to claim (签收) or return (退单) it.</summary>
    Dispatched,
    /// <summary>处置中: a department, the grid or the community is handling it.</summary>
    InProgress,
    /// <summary>办结申请: the handler says it is done; waiting for verification on site.</summary>
    Resolved,
    /// <summary>已核查: verified; waiting for feedback to the reporter.</summary>
    Verified,
    /// <summary>已反馈: the reporter was told; waiting for the rating (回访).</summary>
    FeedbackGiven,
    /// <summary>已办结 (final unless reopened once).</summary>
    Closed,
    /// <summary>挂账: a long-term problem parked with a plan.</summary>
    Parked,
    /// <summary>已合并: a duplicate that follows its master case (final).</summary>
    Merged,
}

/// <summary>Who handles an accepted case when it is not dispatched: 小事不出网格, 大事不出社区.</summary>
public enum LocalHandling
{
    Grid,
    Community,
}

/// <summary>How far a case has been escalated (吹哨升级): community → street → county coordination group.</summary>
public enum EscalationLevel
{
    Community,
    Street,
    County,
}

public enum Satisfaction
{
    Satisfied,
    Basic,
    Unsatisfied,
}

public enum CaseChannel
{
    Portal,
    GridPatrol,
    WalkIn,
    Phone,
    Hotline12345,
    Department,
    Device,
    Deliberation,
    Api,
}

public enum CaseDepartmentRole
{
    Lead,
    Assisting,
}
