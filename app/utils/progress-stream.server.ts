// A long piece of work answered as it goes: newline-delimited JSON, one line per progress report
// ({"type":"progress",...}) and a last line with the outcome ({"type":"done",...}), or
// {"type":"error"} when the work threw (logged; nothing of the error is sent). The status is 200
// once the stream starts, so the outcome line carries the status the work's answer stands for.
// Not compressed (compression would hold the lines back) and never cached.
export const PROGRESS_CONTENT_TYPE = "application/x-ndjson; charset=utf-8";

export function progressResponse<P extends object, R extends object>(work: (report: (progress: P) => void) => Promise<R>): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: object) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        const outcome = await work((progress) => send({ type: "progress", ...progress }));
        send({ type: "done", ...outcome });
      } catch (error) {
        console.error(error);
        send({ type: "error" });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(body, { headers: { "Content-Type": PROGRESS_CONTENT_TYPE, "Cache-Control": "no-store, no-transform" } });
}
