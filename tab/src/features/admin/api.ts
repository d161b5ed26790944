import type {
  AccessDecisionResult,
  AccessRequest,
  GrantResult,
  MembershipList,
  MembershipView,
  MergeResult,
  Organisation,
  OrganisationFields,
} from "@dialogi/contracts";
import { api } from "../../platform/api/client";

const enc = encodeURIComponent;

export const listMemberships = (signal?: AbortSignal) =>
  api<MembershipList>("/api/directory/memberships", { signal });

export const grant = (user: string, orgId: string) =>
  api<GrantResult>("/api/directory/grants", { method: "POST", body: { user, orgId } });

export const revoke = (userId: string, orgId: string) =>
  api<{ membership: MembershipView | null }>("/api/directory/grants/revoke", {
    method: "POST",
    body: { userId, orgId },
  });

export const listAccessRequests = (signal?: AbortSignal) =>
  api<{ items: AccessRequest[] }>("/api/directory/access-requests", { signal });

export const requestAccess = (orgId: string, note?: string) =>
  api<{ request: AccessRequest }>("/api/directory/access-requests", {
    method: "POST",
    body: { orgId, ...(note ? { note } : {}) },
  });

export const decideAccess = (id: string, decision: "approve" | "decline") =>
  api<AccessDecisionResult>(`/api/directory/access-requests/${enc(id)}/${decision}`, {
    method: "POST",
    body: {},
  });

export const createOrganisation = (fields: Partial<OrganisationFields>) =>
  api<{ organisation: Organisation }>("/api/directory/organisations", { method: "POST", body: fields });

export const updateOrganisation = (org: Organisation, changes: Partial<OrganisationFields>) => {
  const { shortName, names, type, contact, listingMissing, requiresReview } = org;
  const body = { shortName, names, type, contact, listingMissing, requiresReview, ...changes };
  return api<{ organisation: Organisation }>(`/api/directory/organisations/${enc(org.id)}`, {
    method: "PUT",
    body,
    etag: org.etag,
  });
};

export const mergeOrganisation = (id: string, into: string) =>
  api<MergeResult>(`/api/directory/organisations/${enc(id)}/merge`, { method: "POST", body: { into } });
