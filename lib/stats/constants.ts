/** Disclosure thresholds, in a module of their own so client components can import them cheaply. */
/** Smallest threshold an export may use, and the default (CTDC's published data use 11). */
export const MIN_K = 5;
export const DEFAULT_K = 11;
