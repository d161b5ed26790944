import type { Language, ListingSource, OrganisationView, SectionCounts } from "@dialogi/contracts";
import { collatorFor } from "../../../../platform/text/collation";
import { noEntries, sectionCountsByOrg } from "../search/facets";
import { AlreadyExistsError, ForbiddenError, NotFoundError } from "../../../../platform/errors";
import { entryFor } from "../drafts";
import { canSeeEntry } from "../roles";
import type { Entry, Organisation, Principal } from "../types";
import { checkId } from "../validation/entry-input";
import { FieldChecker } from "../../../../platform/validation/field-checker";
import { parseOrganisationInput } from "../validation/organisation-input";
import { actorOf, audit, auditView, whenCurrent, type DirectoryContext } from "./context";

/** An organisation's name in `lang`, Finnish when it has none. */
const nameIn = (o: Organisation, lang: Language) => o.names[lang]?.trim() || o.names.fi;

/** Organisations: list, read with entries, create and update (coordinators). */
export function createOrganisationService(ctx: DirectoryContext) {
  const { stores, readModel } = ctx;

  const view = (org: Organisation, counts: Map<string, SectionCounts>): OrganisationView => {
    const sectionCounts = counts.get(org.id) ?? noEntries();
    const entryCount = sectionCounts.done + sectionCounts.upcoming + sectionCounts.other;
    return { ...org, entryCount, sectionCounts };
  };
  const requireCoordinator = (p: Principal) => {
    if (!p.coordinator) throw new ForbiddenError("coordinators only");
  };

  return {
    /** Every organisation, sorted by its name in `lang` (the tab shows them in this order). */
    async list(p: Principal, lang: Language = "fi"): Promise<OrganisationView[]> {
      const s = await readModel.snapshot(p.tenantId);
      const counts = sectionCountsByOrg(s, p);
      const compare = collatorFor(lang).compare;
      return [...s.orgs.values()]
        .map((o) => ({ o, name: nameIn(o, lang) }))
        .sort((a, b) => compare(a.name, b.name))
        .map(({ o }) => view(o, counts));
    },

    async get(
      p: Principal,
      rawId: unknown,
    ): Promise<{ organisation: OrganisationView & { source?: ListingSource }; entries: Entry[] }> {
      const c = new FieldChecker();
      const id = checkId(c, "id", rawId, "org");
      c.throwIfAny();
      const s = await readModel.snapshot(p.tenantId);
      const org = s.orgs.get(id!);
      if (!org) throw new NotFoundError("organisation");
      const entries = s
        .inListingOrder()
        .filter((e) => e.orgId === org.id && canSeeEntry(p, e))
        .map((e) => entryFor(p, e));
      // The listing it was imported from: shown on the organisation page as its source.
      const source = org.sourceId
        ? await stores.organisations.getSource(p.tenantId, org.sourceId)
        : undefined;
      const counts = sectionCountsByOrg(s, p);
      return { organisation: { ...view(org, counts), ...(source ? { source } : {}) }, entries };
    },

    async create(p: Principal, body: unknown): Promise<OrganisationView> {
      requireCoordinator(p);
      const { id, fields } = parseOrganisationInput(body);
      const s = await readModel.snapshot(p.tenantId);
      if (s.orgs.has(id)) throw new AlreadyExistsError("organisation");
      const now = ctx.now().toISOString();
      const org = await stores.organisations.create(p.tenantId, {
        ...fields,
        id,
        createdAt: now,
        updatedAt: now,
        updatedBy: p.name,
      });
      readModel.putOrganisation(p.tenantId, org);
      await audit(ctx, p.tenantId, [
        {
          orgId: id,
          at: now,
          by: actorOf(p),
          action: "create",
          entity: "organisation",
          entityId: id,
          after: auditView(org),
        },
      ]);
      return view(org, sectionCountsByOrg(s, p));
    },

    async update(p: Principal, rawId: unknown, body: unknown, ifMatch: unknown): Promise<OrganisationView> {
      requireCoordinator(p);
      const c = new FieldChecker();
      const id = checkId(c, "id", rawId, "org");
      const etag = c.ifMatch(ifMatch, true);
      c.throwIfAny();
      const current = await stores.organisations.get(p.tenantId, id!);
      if (!current) throw new NotFoundError("organisation");
      const { fields } = parseOrganisationInput(body, id);
      const now = ctx.now().toISOString();
      const saved = await whenCurrent(
        () =>
          stores.organisations.replace(
            p.tenantId,
            {
              ...fields,
              id: id!,
              ...(current.sourceId ? { sourceId: current.sourceId } : {}),
              createdAt: current.createdAt,
              updatedAt: now,
              updatedBy: p.name,
            },
            etag!,
          ),
        () => stores.organisations.get(p.tenantId, id!),
      );
      readModel.putOrganisation(p.tenantId, saved);
      await audit(ctx, p.tenantId, [
        {
          orgId: id!,
          at: now,
          by: actorOf(p),
          action: "update",
          entity: "organisation",
          entityId: id!,
          before: auditView(current),
          after: auditView(saved),
        },
      ]);
      const s = await readModel.snapshot(p.tenantId);
      return view(saved, sectionCountsByOrg(s, p));
    },
  };
}

/** The organisation service's interface. */
export type OrganisationService = ReturnType<typeof createOrganisationService>;
