// One test cluster at a time in this process. Every silo runs a Hangfire server, and Hangfire keeps its
// log provider and job activator in statics: with two clusters alive at once, the one torn down first
// leaves the other's Hangfire logging through a disposed LoggerFactory, or a job resolved by the other
// cluster's services. A production silo is one process, so this only concerns tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
