// Each test starts API processes and drives them hard; run one at a time so they do not starve each other's CPU.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
