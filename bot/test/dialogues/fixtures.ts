import type { JobQueue, JobSpec } from "../../src/platform/jobs/job-types";
import type { DialogueDetails } from "../../src/features/dialogues/domain/types";

/** A JobQueue that remembers what is scheduled (the runner itself is tested by its owner). */
export function fakeJobs(): JobQueue & { scheduled: Map<string, JobSpec> } {
  const scheduled = new Map<string, JobSpec>();
  return {
    scheduled,
    async schedule(job) {
      scheduled.set(job.id, job);
    },
    async cancel(id) {
      scheduled.delete(id);
    },
  };
}

/** Valid dialogue details starting at `start` (2 h long, 10 seats, remote). */
export function details(start: Date, overrides: Partial<DialogueDetails> = {}): DialogueDetails {
  return {
    title: "Hallinnon ja järjestöjen treffitori",
    description: "Miten hallinto ja järjestöt voisivat toimia paremmin yhdessä?",
    themes: ["Mitä yhteistyöllä voidaan saavuttaa?"],
    start,
    end: new Date(start.getTime() + 2 * 3600_000),
    deadline: start,
    mode: "remote",
    meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc",
    address: "",
    capacity: 10,
    languages: ["fi"],
    organisers: "Valtiovarainministeriö",
    groundRules: "current4",
    agenda: [],
    ...overrides,
  };
}

/** Registration answers for user n. */
export function answers(n: number) {
  return {
    language: (["fi", "sv", "en"] as const)[n % 3]!,
    organisation: `Org ${n % 4}`,
    background: "ngo" as const,
    accessibility: "",
    scribe: n % 5 === 0,
  };
}
