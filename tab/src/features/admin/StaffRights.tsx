import { Badge, Button, Field, Input, MessageBar, MessageBarBody, Select } from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MembershipView, OrganisationView } from "@dialogi/contracts";
import { ApiError } from "../../platform/api/client";
import { OrgOptions } from "../../platform/components/OrgOptions";
import { Empty, ErrorState, Loading } from "../../platform/components/Status";
import { orgName, sortByOrgName } from "../../platform/lib/format";
import { errorMessage, useAsync } from "../../platform/lib/useAsync";
import { grant, listMemberships, revoke } from "./api";
import { useAdminStyles } from "./adminStyles";

/** Who a membership is, for people: their name, else the e-mail of a pending grant, else the id. */
const who = (m: MembershipView) => m.name ?? m.email ?? m.userId;

/**
 * Grant staff rights by e-mail/UPN (or object id) and revoke them per organisation. A grant by
 * e-mail waits for the person's first sign-in unless Microsoft Graph found them.
 */
export function StaffRights({ orgs, version }: { orgs: Map<string, OrganisationView>; version: number }) {
  const { t, i18n } = useTranslation();
  const styles = useAdminStyles();
  const list = useAsync((signal) => listMemberships(signal), `memberships-${version}`);
  const [user, setUser] = useState("");
  const [orgId, setOrgId] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [announce, setAnnounce] = useState<{ text: string; intent: "success" | "error" }>();
  const [busy, setBusy] = useState(false);
  const sorted = sortByOrgName([...orgs.values()], i18n.language);
  const nameOf = (id: string) => {
    const o = orgs.get(id);
    return o ? orgName(o.names, i18n.language) : id;
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFieldErrors({});
    try {
      const result = await grant(user.trim(), orgId);
      setAnnounce({
        text: t(result.status === "pending" ? "admin.staff.grantedPending" : "admin.staff.granted", {
          user: who(result.membership),
          org: nameOf(orgId),
        }),
        intent: "success",
      });
      setUser("");
      list.reload();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) setFieldErrors(err.fields);
      else setAnnounce({ text: errorMessage(err), intent: "error" });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (m: MembershipView, org: string) => {
    try {
      await revoke(m.userId, org);
      setAnnounce({ text: t("admin.staff.revoked", { user: who(m), org: nameOf(org) }), intent: "success" });
      list.reload();
    } catch (err) {
      setAnnounce({ text: errorMessage(err), intent: "error" });
    }
  };

  const items = list.data?.items ?? [];
  return (
    <section className={styles.section} aria-labelledby="admin-staff">
      <h2 id="admin-staff">{t("admin.staff.title")}</h2>
      <p>{t("admin.staff.intro")}</p>
      <form onSubmit={submit} noValidate aria-labelledby="admin-grant">
        <h3 id="admin-grant" className={styles.h3}>
          {t("admin.staff.grantTitle")}
        </h3>
        <div className={styles.row}>
          <Field
            className={styles.field}
            label={t("admin.staff.user")}
            hint={t("admin.staff.userHint")}
            required
            validationMessage={fieldErrors.user}
          >
            <Input
              name="user"
              type="email"
              value={user}
              onChange={(_, d) => setUser(d.value)}
              autoComplete="off"
            />
          </Field>
          <Field
            className={styles.field}
            label={t("admin.staff.org")}
            required
            validationMessage={fieldErrors.orgId}
          >
            <Select name="orgId" value={orgId} onChange={(_, d) => setOrgId(d.value)}>
              <option value="">{t("access.chooseOrg")}</option>
              <OrgOptions orgs={sorted} lang={i18n.language} />
            </Select>
          </Field>
          <Button type="submit" appearance="primary" disabled={busy}>
            {t("admin.staff.grant")}
          </Button>
        </div>
      </form>
      <div role="status">
        {announce && (
          <MessageBar intent={announce.intent}>
            <MessageBarBody>{announce.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <h3 className={styles.h3}>{t("admin.staff.listTitle")}</h3>
      {list.status === "loading" && !list.data && <Loading label={t("status.loading")} />}
      {list.status === "error" && <ErrorState message={list.error} onRetry={list.reload} />}
      {list.status === "ready" && items.length === 0 && <Empty>{t("admin.staff.empty")}</Empty>}
      {items.length > 0 && (
        <ul className={styles.list}>
          {items.map((m) => (
            <li key={m.userId} className={styles.card}>
              <strong>{who(m)}</strong>{" "}
              {m.pending && (
                <Badge appearance="tint" color="warning">
                  {t("admin.staff.pending")}
                </Badge>
              )}
              <ul className={styles.chips}>
                {m.orgIds.map((o) => (
                  <li key={o} className={styles.chip}>
                    <span>{nameOf(o)}</span>
                    <Button
                      size="small"
                      onClick={() => remove(m, o)}
                      aria-label={t("admin.staff.revokeNamed", { user: who(m), org: nameOf(o) })}
                    >
                      {t("admin.staff.revoke")}
                    </Button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
