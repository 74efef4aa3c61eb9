namespace OfficeEval.Core.Ahp;

/// <summary>How weights are derived from a judgement matrix.</summary>
public enum AhpWeightMethod
{
    /// <summary>The principal eigenvector (特征向量法), by power iteration.</summary>
    Eigenvector,
    /// <summary>The normalised geometric means of the rows (方根法).</summary>
    GeometricMean,
}
