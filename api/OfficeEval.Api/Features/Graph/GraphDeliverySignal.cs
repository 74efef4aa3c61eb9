using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Graph;

/// <summary>Wakes this instance's idle delivery worker when deliveries are queued or retried here.</summary>
public sealed class GraphDeliverySignal : WorkSignal;
