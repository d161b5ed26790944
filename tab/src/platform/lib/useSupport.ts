import { useEffect, useState } from "react";
import type { SupportContact } from "@dialogi/contracts";
import { getAuthConfig } from "../auth/api";

// One request per page load: the footer and the accessibility statement share it.
let pending: Promise<SupportContact | undefined> | undefined;

function loadSupport(): Promise<SupportContact | undefined> {
  pending ??= getAuthConfig().then(
    (c) => c.support,
    () => {
      pending = undefined; // try again on the next view
      return undefined;
    },
  );
  return pending;
}

/**
 * The deployment's support contact (`SUPPORT_EMAIL`, `SUPPORT_URL`) from `GET /api/auth/config`
 * (public, so it also works before sign-in and inside Teams); undefined until loaded.
 */
export function useSupport(): SupportContact | undefined {
  const [support, setSupport] = useState<SupportContact | undefined>();
  useEffect(() => {
    let live = true;
    void loadSupport().then((s) => live && setSupport(s));
    return () => {
      live = false;
    };
  }, []);
  return support;
}

/** An address as people read it: host without "www." and the path, no scheme. */
export function siteText(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname === "/" ? "" : u.pathname.replace(/\/$/, "");
    return `${u.host.replace(/^www\./, "")}${path}`;
  } catch {
    return url;
  }
}
