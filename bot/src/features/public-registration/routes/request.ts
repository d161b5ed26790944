import type { Request } from "restify";

/** Form posts are small: anything larger is refused before it is looked at. */
export const MAX_FORM_BYTES = 16 * 1024;

/** Why a request is answered with an error page: its status and the text's key. */
export type Refusal = { status: number; key: string; params?: Record<string, number> };

/** The query string's single-valued parameters. */
export const query = (req: Request): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.query as Record<string, unknown>) ?? {}))
    if (typeof v === "string") out[k] = v;
  return out;
};

/** The form's fields as strings; refuses other content types and oversize bodies. */
export function formBody(req: Request): Record<string, string> | Refusal {
  const type = (req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && type !== "application/json")
    return { status: 415, key: "errors.badType" };
  const length = Number(req.header("content-length") ?? "0");
  const raw = (req as Request & { rawBody?: string | Buffer }).rawBody;
  if (length > MAX_FORM_BYTES || (raw !== undefined && Buffer.byteLength(raw) > MAX_FORM_BYTES))
    return { status: 413, key: "errors.tooLarge" };
  const body = req.body as Record<string, unknown> | undefined;
  const out: Record<string, string> = {};
  if (body && typeof body === "object")
    for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
}

/** True for what {@link formBody} refused. */
export const isRefusal = (x: unknown): x is Refusal =>
  typeof x === "object" && x !== null && "status" in x && "key" in x;
