/** Translate function the exports take, so the domain stays free of i18n wiring. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Headline sentence: "71 dialogues, 500 participants (420 on site, 80 on Teams), 62 organisers". */
export function headline(
  t: Translate,
  s: {
    dialogues: number;
    participants: number;
    participantsOnSite: number;
    participantsRemote: number;
    organisers: number;
  },
): string {
  return t("summary.headline", {
    dialogues: s.dialogues,
    participants: s.participants,
    onSite: s.participantsOnSite,
    remote: s.participantsRemote,
    organisers: s.organisers,
  });
}

/** Language/region/mode code → display name, falling back to the code. */
export function label(t: Translate, group: "languages" | "regions" | "modes", code: string): string {
  const v = t(`${group}.${code}`);
  return v === `${group}.${code}` ? code : v;
}
