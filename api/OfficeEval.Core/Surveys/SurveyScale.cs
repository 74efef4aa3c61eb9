namespace OfficeEval.Core.Surveys;

/// <summary>The answer scales a survey item can use.</summary>
public enum SurveyScale
{
    /// <summary>5-point Likert: 1 非常不满意, 2 不满意, 3 一般, 4 满意, 5 非常满意.</summary>
    Likert5,
    /// <summary>3-point: 1 不满意, 2 基本满意, 3 满意.</summary>
    ThreePoint,
}
