import {
  Field,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { pages } from "@microsoft/teams-js";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { loadOrganisations } from "../../platform/api/organisations";
import { usePrincipal } from "../../platform/auth/session";
import { OrgOptions } from "../../platform/components/OrgOptions";
import { orgName, sortByOrgName } from "../../platform/lib/format";
import { useAsync } from "../../platform/lib/useAsync";
import { useTitle } from "../../platform/lib/useTitle";
import type { Host } from "../../platform/teams/host";

type Choice = "directory" | "org" | "facilitator";

const useStyles = makeStyles({
  form: {
    display: "grid",
    gap: tokens.spacingVerticalL,
    maxWidth: "36rem",
    marginTop: tokens.spacingVerticalL,
  },
});

/**
 * `#/config`: the configurable tab's settings page. The user picks what the tab shows; Teams'
 * Save button stays disabled until the choice is complete (setValidityState).
 */
export default function ConfigView({ host }: { host: Host }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  useTitle(t("config.title"));
  const principal = usePrincipal();
  const [choice, setChoice] = useState<Choice>(host.inMeeting ? "facilitator" : "directory");
  const [orgId, setOrgId] = useState("");
  const orgs = useAsync(() => loadOrganisations(), principal ? "orgs" : null);
  const sorted = useMemo(() => sortByOrgName(orgs.data ?? [], i18n.language), [orgs.data, i18n.language]);
  const valid = choice !== "org" || orgId !== "";
  const selection = useRef({ choice, orgId });
  selection.current = { choice, orgId };

  useEffect(() => {
    if (!host.inTeams) return;
    pages.config.registerOnSaveHandler((saveEvent) => {
      const { choice: c, orgId: o } = selection.current;
      const base = `${window.location.origin}${window.location.pathname}`;
      const hash =
        c === "org"
          ? `#/org/${encodeURIComponent(o)}`
          : c === "facilitator"
            ? "#/facilitator"
            : "#/directory";
      const org = orgs.data?.find((x) => x.id === o);
      pages.config
        .setConfig({
          entityId: c === "org" ? `org-${o}` : c,
          contentUrl: base + hash,
          websiteUrl: base + hash,
          suggestedDisplayName:
            c === "org" && org ? org.shortName || orgName(org.names, i18n.language) : t(`config.names.${c}`),
        })
        .then(() => saveEvent.notifySuccess())
        .catch((err: unknown) => saveEvent.notifyFailure(String(err)));
    });
  }, [host.inTeams, orgs.data, t, i18n.language]);

  useEffect(() => {
    if (host.inTeams) pages.config.setValidityState(valid);
  }, [host.inTeams, valid]);

  return (
    <>
      <h1>{t("config.title")}</h1>
      {!host.inTeams && (
        <MessageBar intent="info">
          <MessageBarBody>{t("config.outsideTeams")}</MessageBarBody>
        </MessageBar>
      )}
      <form className={styles.form} onSubmit={(e) => e.preventDefault()}>
        <Field label={t("config.choose")}>
          <RadioGroup value={choice} onChange={(_, d) => setChoice(d.value as Choice)}>
            <Radio value="directory" label={t("config.names.directory")} />
            <Radio value="org" label={t("config.names.org")} disabled={!principal} />
            {host.inMeeting && <Radio value="facilitator" label={t("config.names.facilitator")} />}
          </RadioGroup>
        </Field>
        {choice === "org" && (
          <Field
            label={t("filters.org")}
            required
            validationMessage={orgs.status === "error" ? orgs.error : undefined}
          >
            <Select value={orgId} onChange={(_, d) => setOrgId(d.value)}>
              <option value="">{t("editor.chooseOrg")}</option>
              <OrgOptions orgs={sorted} lang={i18n.language} />
            </Select>
          </Field>
        )}
      </form>
    </>
  );
}
