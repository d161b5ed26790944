/** A dialogue form open to everyone (`audience: "public"`) that names no organiser organisation. */
export const PUBLIC_DIALOGUE_FORM = {
  title: "Avoin dialogi",
  themes: "Mitä avoimuus merkitsee?",
  date: "2031-01-10",
  startTime: "09:00",
  endTime: "10:00",
  mode: "remote",
  meetingUrl: "https://teams.microsoft.com/l/x",
  capacity: "5",
  languages: "fi",
  groundRules: "current4",
  audience: "public",
} as const;
