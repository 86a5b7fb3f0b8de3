using Jiceng.Web.Modules.Grids.Domain;

namespace Jiceng.Tests.Grids;

/// <summary>专职 one grid each and one per grid, 兼职 many per grid, 专业 one person across grids, one type per person.</summary>
public sealed class GridStaffingRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);
    private readonly Grid _first = new("230725100001", "/23/2307/230725/230725100/230725100001/", "第1网格", Now);
    private readonly Grid _second = new("230725100001", "/23/2307/230725/230725100/230725100001/", "第2网格", Now);

    private static GridWorkerAssignment On(Grid grid, GridWorkerType type, Guid? person = null) => new(grid, person ?? Guid.NewGuid(), type, Now);

    [Fact]
    public void A_grid_with_no_workers_takes_any_type()
    {
        foreach (var type in Enum.GetValues<GridWorkerType>())
        {
            Assert.Null(GridStaffingRules.Problem(_first.Id, type, [], []));
        }
    }

    [Fact]
    public void A_second_full_time_worker_on_a_grid_is_refused()
    {
        var problem = GridStaffingRules.Problem(_first.Id, GridWorkerType.FullTime, [], [On(_first, GridWorkerType.FullTime)]);

        Assert.Contains("已有专职网格员", problem);
    }

    [Fact]
    public void A_full_time_worker_cannot_take_a_second_grid()
    {
        var person = Guid.NewGuid();

        var problem = GridStaffingRules.Problem(_second.Id, GridWorkerType.FullTime, [On(_first, GridWorkerType.FullTime, person)], []);

        Assert.Contains("只能负责一个网格", problem);
    }

    [Fact]
    public void Many_part_time_workers_share_a_grid_beside_its_full_time_worker()
    {
        var grid = new List<GridWorkerAssignment> { On(_first, GridWorkerType.FullTime), On(_first, GridWorkerType.PartTime), On(_first, GridWorkerType.PartTime) };

        Assert.Null(GridStaffingRules.Problem(_first.Id, GridWorkerType.PartTime, [], grid));
    }

    [Fact]
    public void A_part_time_worker_serves_one_grid_only()
    {
        var person = Guid.NewGuid();

        Assert.NotNull(GridStaffingRules.Problem(_second.Id, GridWorkerType.PartTime, [On(_first, GridWorkerType.PartTime, person)], []));
    }

    [Fact]
    public void A_specialist_serves_several_grids()
    {
        var person = Guid.NewGuid();
        var third = new Grid("230725100001", "/23/", "第3网格", Now);

        Assert.Null(GridStaffingRules.Problem(_second.Id, GridWorkerType.Specialist, [On(_first, GridWorkerType.Specialist, person)], [On(_second, GridWorkerType.FullTime)]));
        Assert.Null(GridStaffingRules.Problem(third.Id, GridWorkerType.Specialist,
            [On(_first, GridWorkerType.Specialist, person), On(_second, GridWorkerType.Specialist, person)], []));
    }

    [Theory]
    [InlineData(GridWorkerType.FullTime, GridWorkerType.Specialist)]
    [InlineData(GridWorkerType.Specialist, GridWorkerType.PartTime)]
    [InlineData(GridWorkerType.PartTime, GridWorkerType.FullTime)]
    public void A_person_is_a_grid_worker_of_one_type_only(GridWorkerType has, GridWorkerType wants)
    {
        var person = Guid.NewGuid();

        var problem = GridStaffingRules.Problem(_second.Id, wants, [On(_first, has, person)], []);

        Assert.Contains("只能是一种网格员", problem);
    }

    [Fact]
    public void The_same_person_cannot_be_added_to_the_same_grid_twice()
    {
        var person = Guid.NewGuid();

        Assert.Contains("已是该网格的网格员", GridStaffingRules.Problem(_first.Id, GridWorkerType.Specialist, [On(_first, GridWorkerType.Specialist, person)], []));
    }
}
