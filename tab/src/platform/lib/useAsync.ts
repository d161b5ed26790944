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
 * `initial` may hand over data already at hand for the first key (the first render then shows
 * it, without a spinner and without loading it again).
 */
export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string | null,
  delayMs = 0,
  initial?: () => T | undefined,
): AsyncState<T> & { reload: () => void } {
  const given = useRef<{ data: T | undefined; key: string | null } | null>(null);
  given.current ??= { data: key === null ? undefined : initial?.(), key };
  const [state, setState] = useState<AsyncState<T>>(() =>
    given.current?.data === undefined ? { status: "loading" } : { status: "ready", data: given.current.data },
  );
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (key === null) return;
    const handedOver = given.current;
    if (handedOver && handedOver.data !== undefined && handedOver.key === key && nonce === 0) {
      handedOver.data = undefined; // once: a reload or a new key loads
      return;
    }
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
