import { formatMinutes, parseTime } from "../../../platform/time/helsinki-time";
import type { AgendaItem, DialogueLanguage } from "./types";

/** Marks a breakout (group dialogue) item in the agenda text: "09:30 * Group dialogues". */
export const BREAKOUT_MARK = "*";
export const MAX_AGENDA_ITEMS = 30;
export const MAX_AGENDA_TITLE = 200;
export const MAX_AGENDA_DESCRIPTION = 300;
/**
 * Separates an item's title from its short description: "10:00 Expert briefings — what the
 * research says". The em dash, or "--" for keyboards without one, with spaces around it, so a
 * hyphenated or en-dashed title ("Hallinto–järjestöt") stays whole.
 */
export const DESCRIPTION_SEPARATOR = " — ";
const SEPARATOR_PATTERN = /\s+(?:—|--)\s+/;

/**
 * The standard dialogue programme (Erätauko template condensed, seed 002's shape), as fractions
 * of the event's length. Breakout items are the rounds in which groups talk.
 */
const TEMPLATE: { at: number; breakout: boolean; title: Record<DialogueLanguage, string> }[] = [
  {
    at: 0,
    breakout: false,
    title: { fi: "Tervetuloa ja päivän tavoitteet", sv: "Välkommen och dagens mål", en: "Welcome and goals" },
  },
  {
    at: 0.07,
    breakout: false,
    title: {
      fi: "Dialogin pelisäännöt ja teeman esittely",
      sv: "Dialogens spelregler och temat",
      en: "Ground rules and the theme",
    },
  },
  {
    at: 0.15,
    breakout: true,
    title: {
      fi: "Dialogi pienryhmissä: omat kokemukset",
      sv: "Dialog i smågrupper: egna erfarenheter",
      en: "Group dialogues: own experiences",
    },
  },
  {
    at: 0.45,
    breakout: true,
    title: {
      fi: "Dialogi pienryhmissä: syvennetään",
      sv: "Dialog i smågrupper: vi fördjupar",
      en: "Group dialogues: going deeper",
    },
  },
  {
    at: 0.72,
    breakout: false,
    title: {
      fi: "Yhteinen keskustelu: oivallukset",
      sv: "Gemensamt samtal: insikter",
      en: "Plenary: sharing insights",
    },
  },
  {
    at: 0.9,
    breakout: false,
    title: {
      fi: "Yhteenveto, mitä seuraavaksi ja kiitos",
      sv: "Sammanfattning, vad händer härnäst och tack",
      en: "Wrap-up, what happens next and thanks",
    },
  },
  {
    at: 1,
    breakout: false,
    title: { fi: "Tilaisuus päättyy", sv: "Evenemanget avslutas", en: "Close" },
  },
];

/** The standard agenda scaled to a start and end (minutes from midnight), rounded to 5 minutes. */
export function standardAgenda(startMin: number, endMin: number, lang: DialogueLanguage): AgendaItem[] {
  const span = Math.max(endMin - startMin, 0);
  const items: AgendaItem[] = [];
  for (const step of TEMPLATE) {
    const raw = startMin + step.at * span;
    const minutes = step.at === 1 ? endMin : Math.min(endMin, Math.round(raw / 5) * 5);
    // Very short events collapse steps onto the same minute; keep the first of each.
    if (items.length && items[items.length - 1]!.minutes >= minutes && step.at !== 1) continue;
    items.push({ minutes, title: step.title[lang], breakout: step.breakout });
  }
  return items;
}

/** Agenda as editable text, one "HH:MM [*] title[ — description]" per line. */
export function formatAgenda(items: readonly AgendaItem[]): string {
  return items
    .map(
      (i) =>
        `${formatMinutes(i.minutes)} ${i.breakout ? BREAKOUT_MARK + " " : ""}${i.title}` +
        (i.description ? `${DESCRIPTION_SEPARATOR}${i.description}` : ""),
    )
    .join("\n");
}

/** A problem with one agenda line (1-based), for a translated message. */
export interface AgendaProblem {
  line: number;
  code: "format" | "titleLength" | "descriptionLength" | "order" | "tooMany";
}

/**
 * Parses agenda text, one item per line: `HH:MM [*] Title[ — description]` (`.` also separates
 * hours and minutes; `*` marks a breakout round; ` -- ` works as the separator too). Blank lines
 * are ignored.
 */
export function parseAgenda(text: string): { items: AgendaItem[]; problems: AgendaProblem[] } {
  const items: AgendaItem[] = [];
  const problems: AgendaProblem[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^(\d{1,2}[:.]\d{2})\s+(\S.*)$/.exec(line);
    const minutes = m ? parseTime(m[1]!) : undefined;
    if (!m || minutes === undefined) {
      problems.push({ line: index + 1, code: "format" });
      return;
    }
    const [head = "", ...rest] = m[2]!.split(SEPARATOR_PATTERN);
    let title = head.trim();
    const description = rest.join(DESCRIPTION_SEPARATOR).trim();
    const breakout = title.startsWith(BREAKOUT_MARK);
    if (breakout) title = title.slice(BREAKOUT_MARK.length).trim();
    if (!title || title.length > MAX_AGENDA_TITLE) {
      problems.push({ line: index + 1, code: "titleLength" });
      return;
    }
    if (description.length > MAX_AGENDA_DESCRIPTION) {
      problems.push({ line: index + 1, code: "descriptionLength" });
      return;
    }
    const prev = items[items.length - 1];
    if (prev && minutes < prev.minutes) problems.push({ line: index + 1, code: "order" });
    items.push({ minutes, title, breakout, ...(description ? { description } : {}) });
  });
  if (items.length > MAX_AGENDA_ITEMS) problems.push({ line: MAX_AGENDA_ITEMS + 1, code: "tooMany" });
  return { items, problems };
}
