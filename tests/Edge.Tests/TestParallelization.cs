// One cluster at a time: the TestingHost's silos run Hangfire, which keeps state in statics (see Grid.Tests),
// and a silo process beside it would compete for two cores with answers that are timed.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
