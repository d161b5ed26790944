/**
 * Server-side validation messages next to their inputs. Adaptive Cards show an input's
 * `errorMessage` only for the client's own checks (`isRequired`, `regex`); a message the server
 * found would otherwise sit only in the summary at the top of a long card, out of sight of the
 * field and the button. This puts each message in an attention-coloured TextBlock right under
 * its input (found by id anywhere in the card: body, containers, columns).
 */
export function placeFieldErrors<T extends Record<string, unknown>>(
  card: T,
  messages: Readonly<Record<string, string>>,
): T {
  if (Object.keys(messages).length === 0) return card;
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      for (const item of node) {
        out.push(visit(item));
        const el = item as { type?: unknown; id?: unknown };
        if (typeof el?.type === "string" && el.type.startsWith("Input.") && typeof el.id === "string") {
          const text = messages[el.id];
          if (text) out.push(errorBlock(el.id, text));
        }
      }
      return out;
    }
    if (node && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
    }
    return node;
  };
  return summaryNearButton(visit(card) as T);
}

/** Id of a form's error summary (top of the body) in card templates. */
export const ERROR_SUMMARY_ID = "errorSummary";

/**
 * Cards cannot scroll to a message: after a submit the reader is at the button, at the bottom of
 * the card. So the summary also stands right above the buttons (a copy of the top one), and the
 * message under each input shows where to look.
 */
function summaryNearButton<T extends Record<string, unknown>>(card: T): T {
  const body = card.body;
  if (!Array.isArray(body)) return card;
  const top = body.find((el) => (el as { id?: unknown })?.id === ERROR_SUMMARY_ID) as
    Record<string, unknown> | undefined;
  if (!top) return card;
  return { ...card, body: [...body, { ...top, id: `${ERROR_SUMMARY_ID}End`, spacing: "Large" }] };
}

const errorBlock = (inputId: string, text: string) => ({
  type: "TextBlock",
  id: `${inputId}-error`,
  text,
  color: "Attention",
  wrap: true,
  spacing: "None",
  size: "Small",
});
