import { call } from "./api";

// Server-Sent Events read with fetch: EventSource cannot send the bearer token, and a token in the URL would end up
// in logs (the server ignores one there). Reconnects after a pause when the stream ends or fails.

export function listen(path: string, onEvent: (type: string, data: string) => void): () => void {
  const stop = new AbortController();

  async function run() {
    while (!stop.signal.aborted) {
      try {
        const response = await call(path, { headers: { accept: "text/event-stream" }, signal: stop.signal });
        if (!response.body) throw new Error("no stream");
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const type = /^event: ?(.*)$/m.exec(block)?.[1] ?? "message";
            const data = [...block.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join("\n");
            onEvent(type, data);
          }
        }
      } catch {
        // Closed, refused or cut: try again shortly, unless the screen is gone.
      }

      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }

  void run();
  return () => stop.abort();
}
