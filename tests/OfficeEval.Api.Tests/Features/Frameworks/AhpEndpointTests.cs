using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OfficeEval.Api.Features.Ahp;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Frameworks;

public sealed class AhpEndpointTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly string[] Three = ["机构职能", "编制使用", "运行效能"];

    private async Task<HttpResponseMessage> PostAsync(object body, string user = DemoUsers.Admin) =>
        await (await api.SignInAsync(user)).PostAsJsonAsync("/api/ahp", body);

    private static async Task<AhpResponse> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AhpResponse>(Web))!;
    }

    [Fact]
    public async Task Calculate_SaatysClassicMatrixWithFractions_WeightsConsistencyAndHalfPoints()
    {
        // Saaty's 3 × 3 example; closed form (see the Core tests): λmax 3.053622, CI 0.026811, CR 0.046225,
        // w = (0.157056, 0.593634, 0.249311). 100 points in halves: 31.41, 118.73, 49.86 half-units → 31 + 118 + 49 = 198,
        // the two left go to the largest remainders (0.86, 0.73) → 15.5, 59.5, 25.
        var result = await ReadAsync(await PostAsync(new
        {
            criteria = Three,
            matrix = new object[][] { [1, "1/3", "1/2"], [3, 1, 3], [2, "1/3", 1] },
            totalPoints = 100,
        }));

        Assert.Equal("Eigenvector", result.Method);
        Assert.Equal([0.1571m, 0.5936m, 0.2493m], result.Weights.Select(w => w.Weight));
        Assert.Equal((3.0536m, 0.0268m, 0.58m, 0.0462m), (result.LambdaMax!.Value, result.ConsistencyIndex!.Value, result.RandomIndex!.Value, result.ConsistencyRatio!.Value));
        Assert.True(result.Consistent);
        Assert.Empty(result.InconsistentComparisons);
        Assert.Equal([15.5m, 59.5m, 25m], result.Weights.Select(w => w.Points!.Value));
        Assert.Equal(0.5m, result.PointStep);
        Assert.Contains("最大余数法", result.PointsRounding!.MessageZh, StringComparison.Ordinal);
        Assert.Contains("largest-remainder", result.PointsRounding.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calculate_TextbookTravelExample_MatchesThePublishedFigures()
    {
        // 姜启源《数学模型》's 旅游地选择 criteria matrix. The book gives CI = 0.018, CR = 0.016 (RI 1.12), and
        // w ≈ (0.263, 0.475, 0.055, 0.099, 0.110), λ ≈ 5.073 from the sum-product approximation (和积法). The exact
        // principal eigenvector (power iteration, computed independently): (0.2636, 0.4758, 0.0538, 0.0981, 0.1087),
        // λmax = 5.072084, CI = 0.018021, CR = 0.016090.
        var result = await ReadAsync(await PostAsync(new
        {
            criteria = new[] { "景色", "费用", "居住", "饮食", "旅途" },
            matrix = new object[][]
            {
                [1, 0.5, 4, 3, 3], [2, 1, 7, 5, 5], ["1/4", "1/7", 1, 0.5, "1/3"], ["1/3", "1/5", 2, 1, 1], ["1/3", "1/5", 3, 1, 1],
            },
            totalPoints = 20,
            pointStep = 0.1,
        }));

        Assert.Equal([0.2636m, 0.4758m, 0.0538m, 0.0981m, 0.1087m], result.Weights.Select(w => w.Weight));
        decimal[] book = [0.263m, 0.475m, 0.055m, 0.099m, 0.110m];
        Assert.All(result.Weights.Zip(book), p => Assert.True(Math.Abs(p.First.Weight - p.Second) < 0.002m));
        Assert.Equal(5.0721m, result.LambdaMax);
        Assert.Equal(0.018m, Math.Round(result.ConsistencyIndex!.Value, 3));
        Assert.Equal(0.016m, Math.Round(result.ConsistencyRatio!.Value, 3));
        Assert.True(result.Consistent);
        var points = result.Weights.Select(w => w.Points!.Value).ToList();
        Assert.Equal(20m, points.Sum());
        Assert.All(points, p => Assert.Equal(0m, p % 0.1m));
        Assert.All(result.Weights, w => Assert.True(Math.Abs(w.Points!.Value - (w.Weight * 20m)) < 0.1m));
    }

    [Fact]
    public async Task Calculate_InconsistentMatrix_NotConsistentNamesComparisonsAndGivesNoPoints()
    {
        var result = await ReadAsync(await PostAsync(new
        {
            criteria = new[] { "甲", "乙", "丙", "丁" },
            matrix = new object[][] { [1, 2, 4, "1/9"], [0.5, 1, 2, 2], [0.25, 0.5, 1, 1], [9, 0.5, 1, 1] },
            totalPoints = 100,
        }));

        Assert.False(result.Consistent);
        Assert.Equal(0.716m, Math.Round(result.ConsistencyRatio!.Value, 3));
        Assert.Equal(3, result.InconsistentComparisons.Count);
        var worst = result.InconsistentComparisons[0];
        Assert.Equal((0, 3, "matrix[0][3]", "甲", "丁"), (worst.Row, worst.Column, worst.Field, worst.RowCriterion, worst.ColumnCriterion));
        Assert.All(result.Weights, w => Assert.Null(w.Points));
        Assert.Equal("ahp.inconsistent", Assert.Single(result.Problems).Code);
        Assert.Contains("未折算分值", result.PointsRounding!.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calculate_TwoExperts_MergedByGeometricMean()
    {
        // Expert 1: a12 = 2, a13 = 3, a23 = 2; expert 2: a12 = 8, a13 = 1/3, a23 = 7 → merged a12 = 4, a13 = 1, a23 = √14.
        var result = await ReadAsync(await PostAsync(new
        {
            criteria = Three,
            experts = new object[]
            {
                new { matrix = new object[][] { [1, 2, 3], [0.5, 1, 2], ["1/3", 0.5, 1] } },
                new { criteria = Three, matrix = new object[][] { [1, 8, "1/3"], ["1/8", 1, 7], [3, "1/7", 1] } },
            },
            method = "geometricMean",
        }));

        Assert.Equal("GeometricMean", result.Method);
        Assert.Equal(4, result.MergedMatrix![0][1], 9);
        Assert.Equal(1, result.MergedMatrix[0][2], 9);
        Assert.Equal(Math.Sqrt(14), result.MergedMatrix[1][2], 9);
        Assert.Equal([1, 2], result.Experts!.Select(e => e.Expert));
        Assert.True(result.Experts![0].Consistent);
        Assert.Null(result.PointsRounding);
    }

    public static TheoryData<string, string, string> BadRequests() => new()
    {
        { """{"criteria":["a","b"],"matrix":[[1,3],[3,1]]}""", "ahp.not_reciprocal", "matrix[0][1]" },
        { """{"criteria":["a","b","c"],"matrix":[[1,2,3],[0.5,1,"abc"],["1/3",1,1]]}""", "ahp.entry_not_a_number", "matrix[1][2]" },
        { """{"criteria":["a","b","c"],"matrix":[[1,2,3],[0.5,1],["1/3",1,1]]}""", "ahp.not_square", "matrix[1]" },
        { """{"criteria":["a","b"],"matrix":[[1,2],[0.5,2]]}""", "ahp.diagonal", "matrix[1][1]" },
        { """{"criteria":["a","a"],"matrix":[[1,2],[0.5,1]]}""", "ahp.criterion_name", "criteria[1]" },
        { """{"criteria":["a","b"],"matrix":[[1,20],[0.05,1]]}""", "ahp.entry_out_of_range", "matrix[0][1]" },
        { """{"criteria":["a","b"]}""", "ahp.matrix_or_experts", "matrix" },
        { """{"criteria":["a","b"],"matrix":[[1,2],[0.5,1]],"experts":[{"matrix":[[1,2],[0.5,1]]}]}""", "ahp.matrix_or_experts", "matrix" },
        { """{"criteria":["a","b"],"matrix":[[1,2],[0.5,1]],"totalPoints":100,"pointStep":0.3}""", "ahp.points_step", "pointStep" },
        { """{"criteria":["a","b"],"matrix":[[1,2],[0.5,1]],"totalPoints":99.9}""", "ahp.points_total", "totalPoints" },
        { """{"criteria":["a","b"],"matrix":[[1,2],[0.5,1]],"method":"guess"}""", "ahp.method", "method" },
        { """{"criteria":["a","b"],"experts":[{"matrix":[[1,2],[0.5,1]]},{"matrix":[[1,3],[0.5,1]]}]}""", "ahp.not_reciprocal", "experts[1].matrix[0][1]" },
        { """{"criteria":["a","b"],"experts":[{"matrix":[[1,2],[0.5,1]]},{"criteria":["a","c"],"matrix":[[1,2],[0.5,1]]}]}""", "ahp.merge_mismatch", "experts[1].criteria" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Calculate_BadMatrixOrParameters_422NamingTheField(string json, string code, string field)
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.PostAsync("/api/ahp", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("ahp.invalid", problem.Code);
        var error = problem.Errors!.First();
        Assert.Equal((code, field), (error.Code, error.Field));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageZh));
    }

    [Theory]
    [InlineData(DemoUsers.Staff)]
    [InlineData(DemoUsers.Reviewer)]
    [InlineData(DemoUsers.Viewer)]
    public async Task Calculate_NotAdmin_Forbidden(string user)
    {
        var response = await PostAsync(new { criteria = new[] { "a", "b" }, matrix = new[] { new[] { 1, 2d }, new[] { 0.5, 1 } } }, user);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
