/**
 * The most procedure calls one tRPC request may carry (issue 11 item 6, decision 0025). The server
 * refuses a larger batch before running any of it (400, "Batch call exceeds maximum size"); the
 * browser's batch link splits its calls into requests of at most this many, so pages never hit it.
 */
export const MAX_TRPC_BATCH = 20;
