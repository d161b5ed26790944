import type { SeriesActor } from "./access";
import { SeriesConflictError, SeriesError } from "./errors";
import { FieldReader } from "./input";
import { SERIES_LIMITS } from "./limits";
import type { OrganisationLookup, RegularOrganiserStore } from "./ports";
import { requireCoordinator } from "./series-service";
import { organisationKey } from "./statistics";
import type { RegularOrganiser, SeriesPerson } from "./types";

/** Dependencies of {@link createRegularOrganiserService}. */
export interface RegularOrganiserServiceDeps {
  store: RegularOrganiserStore;
  directory?: OrganisationLookup;
  newId: () => string;
}

/**
 * The regular organisers list (vakiojärjestäjät): read by everyone signed in, edited by
 * coordinators; organisers become contacts of their organisation when they sign up and say so.
 * Directory organisation ids are matched by name at read time, so the list never depends on the
 * directory existing or being seeded first.
 */
export function createRegularOrganiserService(deps: RegularOrganiserServiceDeps) {
  const { store } = deps;

  async function findByName(tenantId: string, name: string): Promise<RegularOrganiser | undefined> {
    const key = organisationKey(name);
    return (await store.list(tenantId)).find((o) => organisationKey(o.name) === key);
  }

  return {
    /** The caller's tenant's list. */
    async list(actor: SeriesActor): Promise<RegularOrganiser[]> {
      const [all, ids] = await Promise.all([
        store.list(actor.tenantId),
        deps.directory?.namesToIds().catch(() => new Map<string, string>()) ?? new Map<string, string>(),
      ]);
      return all
        .map((o) => {
          // "Oikeusministeriö/ETNO" is a unit of Oikeusministeriö: match the whole name, then its head.
          const id = ids.get(organisationKey(o.name)) ?? ids.get(organisationKey(o.name.split("/")[0]!));
          return id ? { ...o, directoryOrgId: id } : o;
        })
        .sort((a, b) => a.name.localeCompare(b.name, "fi"));
    },

    /** Adds an organiser (coordinator). A name already on the list gives the existing one. */
    async create(actor: SeriesActor, raw: Record<string, unknown>): Promise<RegularOrganiser> {
      requireCoordinator(actor);
      const r = new FieldReader(raw);
      const name = r.line("name", SERIES_LIMITS.organiserName);
      const kind = r.choice("kind", ["organisation", "person"] as const, "organisation");
      if (r.errors.length) throw new SeriesError("invalid", r.errors);
      const existing = await findByName(actor.tenantId, name);
      if (existing) return existing;
      const organiser: RegularOrganiser = {
        id: deps.newId(),
        name,
        kind,
        source: "coordinator",
        contacts: [],
        version: 1,
      };
      await store.create(actor.tenantId, organiser);
      return organiser;
    },

    /**
     * Called when someone registers a dialogue: returns the matching regular organiser and, when
     * the person asked to join the network, adds them as its contact (creating the organiser).
     */
    async noteContact(
      organisation: string,
      actor: SeriesActor,
      join: boolean,
    ): Promise<RegularOrganiser | undefined> {
      const found = await findByName(actor.tenantId, organisation);
      if (!join) return found;
      const contact: SeriesPerson = { aadId: actor.userId, name: actor.name, lang: actor.lang };
      if (!found) {
        const created: RegularOrganiser = {
          id: deps.newId(),
          name: organisation,
          kind: "organisation",
          source: "signup",
          contacts: [contact],
          version: 1,
        };
        try {
          await store.create(actor.tenantId, created);
          return created;
        } catch (err) {
          if (!(err instanceof SeriesConflictError)) throw err;
          return (await findByName(actor.tenantId, organisation)) ?? undefined;
        }
      }
      if (found.contacts.some((c) => c.aadId === actor.userId)) return found;
      const next = {
        ...found,
        contacts: [...found.contacts, contact].slice(-20),
        version: found.version + 1,
      };
      try {
        await store.update(actor.tenantId, next, found.version);
        return next;
      } catch (err) {
        // Someone else changed the list meanwhile; the registration must not fail for it.
        if (err instanceof SeriesConflictError) return found;
        throw err;
      }
    },

    /** Every contact of the tenant to message when its series is announced (deduplicated). */
    async contacts(tenantId: string): Promise<SeriesPerson[]> {
      const seen = new Map<string, SeriesPerson>();
      for (const o of await store.list(tenantId))
        for (const c of o.contacts) if (!seen.has(c.aadId)) seen.set(c.aadId, c);
      return [...seen.values()];
    },

    /** Names of regular organisers that are individuals (counted, not listed, in summaries). */
    async individualNames(tenantId: string): Promise<string[]> {
      return (await store.list(tenantId)).filter((o) => o.kind === "person").map((o) => o.name);
    },
  };
}

/** The service type. */
export type RegularOrganiserService = ReturnType<typeof createRegularOrganiserService>;
