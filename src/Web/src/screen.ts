import { useEffect, useState } from "preact/hooks";

/**
 * What a screen reads from the API (read again after each change), the error of its last call, and what its last change
 * did (for the status line): the pattern every screen of the app follows.
 */
export function useScreen<T>(read: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState("");

  async function reload() {
    try {
      setData(await read());
      setError(null);
    } catch (e) {
      setError(e as Error);
    }
  }

  useEffect(() => {
    void reload();
  }, deps);

  /** Runs a change, says what it did, and reads the screen again; a refusal shows as the error. */
  async function change(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      setNotice(done);
      await reload();
    } catch (e) {
      setError(e as Error);
    }
  }

  return { data, error, setError, notice, reload, change };
}
