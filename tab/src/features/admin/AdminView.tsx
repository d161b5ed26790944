import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { listOrganisations } from "../../platform/api/organisations";
import { usePrincipal } from "../../platform/auth/session";
import { ErrorState, Loading } from "../../platform/components/Status";
import { useAsync } from "../../platform/lib/useAsync";
import { useTitle } from "../../platform/lib/useTitle";
import { OrganisationAdmin } from "./OrganisationAdmin";
import { RequestQueue } from "./RequestQueue";
import { StaffRights } from "./StaffRights";

/** `#/admin` (coordinators): access requests, staff rights, organisations. */
export default function AdminView() {
  const { t } = useTranslation();
  const principal = usePrincipal();
  useTitle(t("admin.title"));
  const [version, setVersion] = useState(0);
  const orgs = useAsync(
    (signal) => listOrganisations(signal),
    principal?.coordinator ? `orgs-${version}` : null,
  );
  const byId = useMemo(() => new Map((orgs.data?.items ?? []).map((o) => [o.id, o])), [orgs.data]);
  const changed = () => setVersion((v) => v + 1);

  if (!principal?.coordinator)
    return (
      <>
        <h1>{t("admin.title")}</h1>
        <ErrorState message={t("admin.notAllowed")} />
      </>
    );
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <p>{t("admin.intro")}</p>
      {orgs.status === "loading" && !orgs.data && <Loading label={t("status.loading")} />}
      {orgs.status === "error" && <ErrorState message={orgs.error} onRetry={orgs.reload} />}
      {orgs.data && (
        <>
          <RequestQueue orgs={byId} onChange={changed} />
          <StaffRights orgs={byId} version={version} />
          <OrganisationAdmin orgs={orgs.data.items} onChange={changed} />
        </>
      )}
    </>
  );
}
