import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { i18next } from "../i18n";

export type AsyncState<T> =
  | { status: "loading"; data?: T }
  | { status: "ready"; data: T }
  | { status: "error"; error: string; code?: string; httpStatus?: number; data?: T };

/** Translated message of any failure (server messages are already translated). */
export function errorMessage(err: unknown): string {
  return err instanceof ApiError ? err.message : i18next.t("errors.generic");
}

/**
 * Runs `load` when `key` changes (aborting the previous run) and exposes loading / ready /
 * error plus `reload`. `delayMs` debounces (search-as-you-type). A null key skips loading.
 */
export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string | null,
  delayMs = 0,
): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: "loading" });
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (key === null) return;
    const ctrl = new AbortController();
    setState((s) => ({ status: "loading", data: s.data }));
    const timer = window.setTimeout(() => {
      loadRef.current(ctrl.signal).then(
        (data) => !ctrl.signal.aborted && setState({ status: "ready", data }),
        (err: unknown) => {
          if (ctrl.signal.aborted || (err as Error)?.name === "AbortError") return;
          setState((s) => ({
            status: "error",
            error: errorMessage(err),
            code: err instanceof ApiError ? err.code : undefined,
            httpStatus: err instanceof ApiError ? err.status : undefined,
            data: s.data,
          }));
        },
      );
    }, delayMs);
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [key, nonce, delayMs]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
