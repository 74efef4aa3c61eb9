namespace OfficeEval.Core.Ahp;

/// <summary>The numeric kernels of <see cref="AhpCalculator"/>, on matrices already validated.</summary>
internal static class AhpMath
{
    /// <summary>A copy of a valid matrix with a diagonal of 1 and each pair made exactly reciprocal from its entry ≥ 1.</summary>
    public static double[][] Reciprocal(IReadOnlyList<IReadOnlyList<double>> matrix)
    {
        var n = matrix.Count;
        var a = new double[n][];
        for (var i = 0; i < n; i++)
        {
            a[i] = new double[n];
            a[i][i] = 1;
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var (upper, lower) = matrix[i][j] >= 1 ? (matrix[i][j], 1 / matrix[i][j]) : (1 / matrix[j][i], matrix[j][i]);
                (a[i][j], a[j][i]) = (upper, lower);
            }
        }

        return a;
    }

    /// <summary>Power iteration from the uniform vector, normalised to sum 1 each step.</summary>
    public static (double[] Weights, bool Converged) PrincipalEigenvector(double[][] a)
    {
        var n = a.Length;
        var w = new double[n];
        Array.Fill(w, 1d / n);
        var next = new double[n];
        for (var iteration = 0; iteration < AhpPolicy.MaxIterations; iteration++)
        {
            var sum = 0d;
            for (var i = 0; i < n; i++)
            {
                next[i] = RowDot(a[i], w);
                sum += next[i];
            }

            var change = 0d;
            for (var i = 0; i < n; i++)
            {
                next[i] /= sum;
                change = Math.Max(change, Math.Abs(next[i] - w[i]));
            }

            (w, next) = (next, w);
            if (change < AhpPolicy.ConvergenceTolerance)
            {
                return (w, true);
            }
        }

        return (w, false);
    }

    /// <summary>方根法: the n-th root of each row's product, normalised (computed via logarithms to avoid overflow).</summary>
    public static double[] GeometricMeans(double[][] a)
    {
        var n = a.Length;
        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            var logSum = 0d;
            for (var j = 0; j < n; j++)
            {
                logSum += Math.Log(a[i][j]);
            }

            w[i] = Math.Exp(logSum / n);
        }

        var total = w.Sum();
        for (var i = 0; i < n; i++)
        {
            w[i] /= total;
        }

        return w;
    }

    /// <summary>Σ_j row[j] × w[j].</summary>
    public static double RowDot(double[] row, double[] w)
    {
        var sum = 0d;
        for (var j = 0; j < w.Length; j++)
        {
            sum += row[j] * w[j];
        }

        return sum;
    }
}
