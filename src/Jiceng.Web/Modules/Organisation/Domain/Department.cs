namespace Jiceng.Web.Modules.Organisation.Domain;

/// <summary>A government department (职能部门) or public utility of a county that handles dispatched cases.</summary>
public sealed class Department
{
    private Department() { }

    public Department(string name, string shortCode, Division county, string? duties)
    {
        if (county.Level != DivisionLevel.County)
        {
            throw new InvalidOperationException("Departments belong to a county.");
        }
        Id = Guid.NewGuid();
        Name = name;
        ShortCode = shortCode;
        CountyCode = county.Code;
        CountyPath = county.Path;
        Duties = duties;
        IsActive = true;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>A short stable code used in case numbers and integrations, e.g. "ZJJ".</summary>
    public string ShortCode { get; private set; } = "";
    public string CountyCode { get; private set; } = "";
    public string CountyPath { get; private set; } = "";
    public string? Duties { get; private set; }
    public bool IsActive { get; private set; }
}
