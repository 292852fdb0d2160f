import "server-only";

/** Text pieces (a generator that reads the database batch by batch) as a UTF-8 byte stream for a
 * Response: each piece is made only when the client is ready for it; a cancelled download stops it. */
export function textStream(pieces: Generator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      void pieces.return(undefined);
    },
  });
}
