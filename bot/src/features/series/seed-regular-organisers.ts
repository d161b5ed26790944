import { createHash } from "node:crypto";
import { SeriesConflictError } from "./domain/errors";
import type { RegularOrganiserStore } from "./domain/ports";
import type { RegularOrganiser } from "./domain/types";

/**
 * Regular organisers of the Kansalliset dialogit, spring 2023 ("Vakiojärjestäjätilanne kevät
 * 2023", seed 000), in the order of the source. Three are individual facilitators: they are
 * marked as persons so summaries count them without naming them.
 */
export const REGULAR_ORGANISERS_2023: readonly { name: string; kind: RegularOrganiser["kind"] }[] = [
  { name: "Aleksandra Nenakhova", kind: "person" },
  { name: "Diakonissalaitos", kind: "organisation" },
  { name: "Erätauko-säätiö", kind: "organisation" },
  { name: "Espoon kaupunginkirjasto", kind: "organisation" },
  { name: "Espoon kaupunki", kind: "organisation" },
  { name: "Familia ry", kind: "organisation" },
  { name: "Forssan kaupunki", kind: "organisation" },
  { name: "InnoOK", kind: "organisation" },
  { name: "Intonaattorit Oy", kind: "organisation" },
  { name: "Kansalaisareena", kind: "organisation" },
  { name: "Kaskas Media Oy", kind: "organisation" },
  { name: "Kehittämiskeskus Opinkirjo", kind: "organisation" },
  { name: "Kela", kind: "organisation" },
  { name: "Kouvolan kaupunginkirjasto", kind: "organisation" },
  { name: "Kvs-säätiö", kind: "organisation" },
  { name: "Kynnys Ry", kind: "organisation" },
  { name: "Lahden kaupunki", kind: "organisation" },
  { name: "Lastensuojelun keskusliitto", kind: "organisation" },
  { name: "Liisa Vilkki", kind: "person" },
  { name: "Mikkelin kaupungin liikelaitos Otavia", kind: "organisation" },
  { name: "Mila Harra", kind: "person" },
  { name: "Naistenkartano ry", kind: "organisation" },
  { name: "Oikeusministeriö/ETNO", kind: "organisation" },
  { name: "Opintokeskus Sivis", kind: "organisation" },
  { name: "Opintokeskus Visio", kind: "organisation" },
  { name: "Oulun kaupunki", kind: "organisation" },
  { name: "Rovaniemen kaupunki", kind: "organisation" },
  { name: "Savonia-ammattikorkeakoulu", kind: "organisation" },
  { name: "Sisäministeriö", kind: "organisation" },
  { name: "Sitra", kind: "organisation" },
  { name: "Suomen Kotiseutuliitto", kind: "organisation" },
  { name: "Suomen Nuorisoseurat", kind: "organisation" },
  { name: "Suomen Operaatio Libero ry", kind: "organisation" },
  { name: "Suomen Setlementtiliitto ry", kind: "organisation" },
  { name: "Suomen Viron-instituutti", kind: "organisation" },
  { name: "Taiteen edistämiskeskus", kind: "organisation" },
  { name: "Tammelan kunta", kind: "organisation" },
  { name: "Turun tuomiokirkkoseurakunta", kind: "organisation" },
  { name: "Valtiovarainministeriö/Avoin hallinto", kind: "organisation" },
  { name: "Vantaan kaupunki/Kaupunkikulttuuri/Yhteiset palvelut", kind: "organisation" },
  { name: "Ulkoministeriö/Kathmandu Nepal", kind: "organisation" },
];

/** Deterministic id from the name, so instances seeding at the same time write the same rows. */
export function seedOrganiserId(name: string): string {
  return "ro-" + createHash("sha256").update(name.normalize("NFC")).digest("hex").slice(0, 12);
}

/**
 * Seeds the spring 2023 list into a tenant when its regular organisers list is empty (start-up, demo data).
 * Idempotent and safe to run on several instances at once. Returns how many rows it wrote.
 */
export async function seedRegularOrganisers(store: RegularOrganiserStore, tenantId: string): Promise<number> {
  if ((await store.list(tenantId)).length > 0) return 0;
  let written = 0;
  for (const { name, kind } of REGULAR_ORGANISERS_2023) {
    try {
      await store.create(tenantId, {
        id: seedOrganiserId(name),
        name,
        kind,
        source: "seed2023",
        contacts: [],
        version: 1,
      });
      written++;
    } catch (err) {
      if (!(err instanceof SeriesConflictError)) throw err;
    }
  }
  return written;
}
