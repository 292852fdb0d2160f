/**
 * The web server's Node heap limit. Node lets the heap grow to a quarter of the machine's memory
 * before it collects in earnest: a large import from the web page then holds hundreds of MB of
 * garbage (a million-row import peaked at 820 MB, docs/PERFORMANCE.md). With a limit, V8 collects
 * early. The server's whole RSS under the benchmark's load is about 350 MB, far below the limit.
 */
const SERVER_HEAP_MB = 512;

export function withServerHeap(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, `--max-old-space-size=${SERVER_HEAP_MB}`].filter(Boolean).join(" ") };
}
