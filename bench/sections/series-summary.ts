import { createTableStore } from "../../bot/src/platform/tables/table-store";
import { uniquePrefix } from "../../bot/testing/azurite";
import { conservativeMask } from "../../bot/src/features/series/domain/anonymise";
import type { SeriesActor } from "../../bot/src/features/series/domain/access";
import { createRegularOrganiserService } from "../../bot/src/features/series/domain/regular-organiser-service";
import { createSeriesService } from "../../bot/src/features/series/domain/series-service";
import { createSeriesSummaryService } from "../../bot/src/features/series/domain/summary-service";
import { REGIONS, type SeriesDialogue, type SeriesRecord } from "../../bot/src/features/series/domain/types";
import { createRegularOrganiserRepository } from "../../bot/src/features/series/store/regular-organiser-repository";
import { createSeriesRepository } from "../../bot/src/features/series/store/series-repository";
import type { BenchContext } from "../lib/context";
import type { Figure } from "../lib/report";
import { round, runConcurrent } from "../lib/stats";

const THEMES = [
  "Luottamus viranomaisiin",
  "Yksinäisyys",
  "Nuorten osallisuus",
  "Ilmastoahdistus",
  "Toimeentulo",
  "Kiire",
  "Turvallisuus",
  "Luonto",
  "Koulutuksen tasa-arvo",
  "Digitaaliset palvelut",
  "Maaseudun palvelut",
  "Kulttuuri",
];

function note(i: number): string {
  const t = THEMES[i % THEMES.length]!;
  return (
    `${t} nousi esiin monessa puheenvuorossa. Matti Virtanen (matti${i}@example.fi) kertoi omasta arjestaan. ` +
    `Keskustelijat kokivat, että ${t.toLowerCase()} liittyy arkeen enemmän kuin päätöksiin. ` +
    "Puhuimme siitä, miten kuulluksi tuleminen muuttaa suhdetta yhteiskuntaan. ".repeat(4)
  );
}

/**
 * Compiling a series summary from 500 dialogues and 5,000 records (themes, insights, notes) —
 * read, aggregate, anonymise, store — beside a plain read of the same rows from the same Azurite.
 */
export async function seriesSummaryBench(ctx: BenchContext): Promise<Figure[]> {
  const dialogueCount = ctx.quick ? 50 : 500;
  const recordsPerDialogue = 10;
  const store = createTableStore({
    target: { connectionString: ctx.azurite.connectionString },
    prefix: uniquePrefix(),
  });
  await store.ensureTables(["Series"]);
  const table = store.table("Series");
  const repo = createSeriesRepository(table);
  const now = () => new Date("2027-04-01T10:00:00Z");
  const series = createSeriesService({ store: repo, now, newId: () => "s-bench" });
  const organisers = createRegularOrganiserService({
    store: createRegularOrganiserRepository(table),
    newId: () => "ro-x",
  });
  const summaries = createSeriesSummaryService({
    store: repo,
    series,
    organisers,
    mask: conservativeMask,
    now,
  });
  const actor: SeriesActor = {
    userId: "bench-coordinator",
    tenantId: "t",
    name: "Bench",
    coordinator: true,
    lang: "fi",
  };
  await series.create(actor, {
    theme: "Bench",
    question: "Q?",
    periodStart: "2027-03-01",
    periodEnd: "2027-04-30",
    registrationDeadline: "2027-04-15",
    recordsDeadline: "2027-05-15",
    languages: ["fi"],
    materials: { invitation: { fi: "Tervetuloa" } },
  });

  const at = now();
  await runConcurrent(dialogueCount, 32, async (i) => {
    const d: SeriesDialogue = {
      id: `sd-${String(i).padStart(5, "0")}`,
      seriesId: "s-bench",
      kind: "reported",
      title: `Dialogi ${i}`,
      organisation: `Organisaatio ${i % 300}`,
      date: "2027-03-20",
      mode: i % 3 ? "inPerson" : "remote",
      language: "fi",
      targetGroup: "Kaikki",
      expectedParticipants: 12,
      region: REGIONS[i % REGIONS.length]!,
      owner: { aadId: `owner-${i}`, name: `Owner ${i}` },
      registeredAt: at,
      version: 1,
      reminderCount: 0,
    };
    await repo.createDialogue(d);
  });
  await runConcurrent(dialogueCount * recordsPerDialogue, 32, async (k) => {
    const i = Math.floor(k / recordsPerDialogue);
    const r: SeriesRecord = {
      seriesId: "s-bench",
      seriesDialogueId: `sd-${String(i).padStart(5, "0")}`,
      recordNo: (k % recordsPerDialogue) + 1,
      ownerId: `owner-${i}`,
      participantsOnSite: 5 + (k % 7),
      participantsRemote: k % 4,
      languages: k % 5 ? ["fi"] : ["fi", "sv"],
      themes: [THEMES[k % THEMES.length]!, THEMES[(k * 7) % THEMES.length]!, `Oma teema ${k % 400}`],
      insights: [`Oivallus ${k % 60}`, "Kuunteleminen rakentaa luottamusta"],
      notes: note(k),
      reachedSeldomHeard: k % 9 === 0,
      seldomHeardGroups: k % 9 === 0 ? "Nuoret työttömät" : "",
      submittedAt: at,
      updatedAt: at,
      version: 1,
    };
    await repo.createRecord(r);
  });

  // Warm-up (JIT, connection pool), then measure.
  await summaries.compile(actor, "s-bench", {});
  const t0 = performance.now();
  let rows = 0;
  for await (const _ of table.listEntities({ queryOptions: { filter: "PartitionKey eq 's-bench'" } })) rows++;
  const readMs = performance.now() - t0;
  const t1 = performance.now();
  const summary = await summaries.compile(actor, "s-bench", { analysis: "Bench." });
  const compileMs = performance.now() - t1;
  if (summary.statistics.dialogues !== dialogueCount)
    throw new Error("summary counted the wrong number of dialogues");

  const size = `${dialogueCount} dialogues, ${dialogueCount * recordsPerDialogue} records`;
  return [
    {
      section: "series summary",
      name: `compile summary (${size})`,
      value: round(compileMs),
      unit: "ms",
      baseline: { name: `plain read of ${rows} rows ms`, value: round(readMs) },
      ratio: round(compileMs / readMs),
      goal: ctx.quick ? undefined : "< 2000 ms",
      met: ctx.quick ? undefined : compileMs < 2000,
    },
  ];
}
