import { z } from "zod";
import { formatAgenda } from "../../dialogues";
import { validateDialogueForm } from "../../dialogues";
import { parseTime } from "../../../platform/time/helsinki-time";
import { cleanLine } from "../../../platform/text/sanitize";
import type { DialogueDetails, DialogueLanguage } from "../../dialogues";
import { isIap2Level, isMethodId, methodAgenda, methodTemplate } from "../../dialogues";
import type { Iap2Level, MethodId } from "../../dialogues";
import type { PeerFieldError } from "./errors";
import type { PeerContact, PeerOrganisation } from "./types";

/** A peer dialogue is between organisations: at least two, at most what a card can list. */
export const MIN_ORGANISATIONS = 2;
export const MAX_ORGANISATIONS = 8;
const MAX_CONTACTS = 3;

const str = z.string().max(20_000).optional();
const contactSchema = z.object({
  name: z.string().max(200).optional(),
  aadId: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
});
/** The scheduling input (API body; the card's flat inputs are mapped to it first). */
export const peerInputSchema = z.object({
  theme: str,
  description: str,
  questions: str,
  date: str,
  startTime: str,
  endTime: str,
  mode: str,
  meetingUrl: str,
  address: str,
  capacity: z.union([z.string().max(20), z.number()]).optional(),
  deadlineDate: str,
  languages: str,
  method: str,
  level: str,
  nonce: str,
  organisations: z
    .array(z.object({ orgId: z.string().max(64), contacts: z.array(contactSchema).max(10).optional() }))
    .max(50)
    .optional(),
});
export type PeerInput = z.infer<typeof peerInputSchema>;

/** A validated scheduling request. */
export interface PeerSchedule {
  details: DialogueDetails;
  organisations: PeerOrganisation[];
  method: MethodId;
  level: Iap2Level;
}

const AAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[a-z0-9][a-z0-9-]{2,63}$/i;
const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}\.[a-z]{2,}$/i;

/** "Name <id-or-email>" or a bare id / e-mail, as typed on the card. */
export function parseContactText(name: string | undefined, id: string | undefined): PeerContact | undefined {
  const who = cleanLine(id).toLowerCase();
  const display = cleanLine(name);
  if (!who && !display) return undefined;
  if (EMAIL.test(who)) return { name: display, email: who };
  return { name: display, aadId: who };
}

function checkContact(
  c: Partial<PeerContact>,
  field: string,
  errors: PeerFieldError[],
): PeerContact | undefined {
  const name = cleanLine(c.name).slice(0, 200);
  const aadId = cleanLine(c.aadId).toLowerCase();
  const email = cleanLine(c.email).toLowerCase();
  if (!name) errors.push({ field, key: "contactName" });
  if (!aadId && !email) errors.push({ field, key: "contactId" });
  else if (aadId && !AAD_ID.test(aadId)) errors.push({ field, key: "contactId" });
  else if (email && !EMAIL.test(email)) errors.push({ field, key: "contactId" });
  return { name, ...(aadId ? { aadId } : {}), ...(email ? { email } : {}) };
}

/**
 * Validates a scheduling request: the dialogue fields through the dialogue form's own rules (so a
 * peer dialogue is an ordinary dialogue), the method's agenda for the given times, and two or
 * more distinct directory organisations, each with a named contact.
 */
export function parsePeerInput(
  input: PeerInput,
  options: { now: Date; lang: DialogueLanguage; orgName: (orgId: string) => string | undefined },
): { ok: true; value: PeerSchedule } | { ok: false; errors: PeerFieldError[] } {
  const errors: PeerFieldError[] = [];
  const method: MethodId = isMethodId(input.method) ? input.method : "dialogue";
  if (input.method && !isMethodId(input.method)) errors.push({ field: "method", key: "choice" });
  const template = methodTemplate(method);
  const level: Iap2Level = isIap2Level(input.level) ? input.level : template.level;
  if (input.level && !isIap2Level(input.level)) errors.push({ field: "level", key: "choice" });

  const organisations: PeerOrganisation[] = [];
  const seen = new Set<string>();
  (input.organisations ?? []).forEach((o, i) => {
    const orgId = cleanLine(o.orgId);
    if (!orgId) return;
    const name = options.orgName(orgId);
    if (!name) return void errors.push({ field: `organisations.${i}`, key: "unknownOrg" });
    if (seen.has(orgId)) return void errors.push({ field: `organisations.${i}`, key: "duplicateOrg" });
    seen.add(orgId);
    // A contact row left wholly empty is an unused optional row, not a contact without a name.
    const contacts = (o.contacts ?? [])
      .filter((c) => cleanLine(c.name) || cleanLine(c.aadId) || cleanLine(c.email))
      .slice(0, MAX_CONTACTS)
      .map((c, j) => checkContact(c, `organisations.${i}.contacts.${j}`, errors))
      .filter((c): c is PeerContact => !!c);
    if (contacts.length === 0) errors.push({ field: `organisations.${i}.contacts`, key: "contactName" });
    organisations.push({ orgId, name, contacts });
  });
  if (organisations.length < MIN_ORGANISATIONS)
    errors.push({ field: "organisations", key: "tooFewOrgs", params: { min: MIN_ORGANISATIONS } });
  if (organisations.length > MAX_ORGANISATIONS)
    errors.push({ field: "organisations", key: "tooManyOrgs", params: { max: MAX_ORGANISATIONS } });

  const startMin = parseTime(cleanLine(input.startTime));
  const endMin = parseTime(cleanLine(input.endTime));
  const agenda =
    startMin !== undefined && endMin !== undefined && endMin > startMin
      ? formatAgenda(methodAgenda(method, startMin, endMin, options.lang))
      : "";
  const capacity = input.capacity ?? String(template.capacity);
  const theme = cleanLine(input.theme);
  const form = validateDialogueForm(
    {
      title: theme,
      description: input.description,
      themes: cleanLine(input.questions) ? input.questions : theme,
      date: input.date,
      startTime: input.startTime,
      endTime: input.endTime,
      mode: input.mode || template.mode || "remote",
      meetingUrl: input.meetingUrl,
      address: input.address,
      capacity,
      deadlineDate: input.deadlineDate,
      languages: input.languages || options.lang,
      organisers: organisations
        .map((o) => o.name)
        .join(", ")
        .slice(0, 500),
      groundRules: "current4",
      // The method's programme is explicit text, so the form parses it instead of its default.
      agenda,
      agendaDefault: "",
    },
    { now: options.now, lang: options.lang },
  );
  if (!form.ok) {
    for (const e of form.errors) {
      const field = e.field === "title" ? "theme" : e.field === "themes" ? "questions" : e.field;
      errors.push({ field, key: `dialogue:errors.${e.key}`, params: e.params });
    }
  }
  if (errors.length > 0 || !form.ok) return { ok: false, errors };
  return { ok: true, value: { details: form.details, organisations, method, level } };
}
