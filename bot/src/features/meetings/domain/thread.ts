/**
 * The Teams meeting chat's thread id (`19:meeting_…@thread.v2`) from a meeting join link
 * (`https://teams.microsoft.com/l/meetup-join/19%3ameeting_…%40thread.v2/0?context=…`). A tab in
 * the meeting gets the same id from teams-js `app.getContext()` → `chat.id`, which is how the side
 * panel finds its dialogue. Undefined for links of other shapes (e.g. the new short
 * `/meet/<id>` links, which carry no thread id; the organiser then links the meeting by hand).
 */
export function threadIdOf(joinUrl: string | undefined): string | undefined {
  if (!joinUrl) return undefined;
  const m = /\/l\/meetup-join\/([^/?#]+)/.exec(joinUrl);
  if (!m) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(m[1]!);
  } catch {
    return undefined;
  }
  return isMeetingThreadId(id) ? id : undefined;
}

/** True for a Teams chat thread id as teams-js reports it (bounded, no odd characters). */
export function isMeetingThreadId(id: unknown): id is string {
  return typeof id === "string" && id.length <= 300 && /^19:[\w.-]+@thread\.(?:v2|skype|tacv2)$/.test(id);
}
