// Stands in for `server-only` under vitest (see vitest.config.mts): the real package throws when
// imported outside a React Server Components bundle, which is exactly where unit tests run.
export {};
