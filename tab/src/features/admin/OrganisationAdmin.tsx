import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { OrganisationView } from "@dialogi/contracts";
import { ApiError } from "../../platform/api/client";
import { invalidateDirectory } from "../../platform/api/organisations";
import { OrgOptions } from "../../platform/components/OrgOptions";
import { orgName, sortByOrgName } from "../../platform/lib/format";
import { errorMessage } from "../../platform/lib/useAsync";
import { createOrganisation, mergeOrganisation, updateOrganisation } from "./api";
import { useAdminStyles } from "./adminStyles";

type Announce = (text: string, intent?: "success" | "error") => void;

/**
 * The switch just toggled: a saved change gives the row a new ETag, so React mounts it anew and
 * the new row puts focus back on the same switch (a keyboard user stays where they were).
 */
let refocusId: string | undefined;

/**
 * One organisation: rename (fi/sv/en), the "listing missing" flag, review of staff changes
 * before publication (moderation) on or off, merge into another.
 */
function OrgRow({
  org,
  all,
  announce,
  onChange,
}: {
  org: OrganisationView;
  all: OrganisationView[];
  announce: Announce;
  onChange: () => void;
}) {
  const { t, i18n } = useTranslation();
  const styles = useAdminStyles();
  const name = orgName(org.names, i18n.language);
  const [renaming, setRenaming] = useState(false);
  const [names, setNames] = useState(org.names);
  const [into, setInto] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const run = async (work: () => Promise<string>) => {
    setErrors({});
    try {
      announce(await work());
      invalidateDirectory();
      onChange();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) setErrors(err.fields);
      else announce(errorMessage(err), "error");
    }
  };
  const target = all.find((o) => o.id === into);
  const missingId = `org-missing-${org.id}`;
  const reviewId = `org-review-${org.id}`;
  useEffect(() => {
    if (refocusId !== missingId && refocusId !== reviewId) return;
    document.getElementById(refocusId)?.focus();
    refocusId = undefined;
  }, [missingId, reviewId]);
  return (
    <li className={styles.card}>
      <h3 className={styles.h3}>
        <a href={`#/org/${encodeURIComponent(org.id)}`}>{name}</a>
      </h3>
      <p className={styles.meta}>{t("admin.orgs.meta", { id: org.id, count: org.entryCount })}</p>
      <Checkbox
        id={missingId}
        checked={org.listingMissing}
        label={t("admin.orgs.listingMissing")}
        onChange={(_, d) =>
          run(async () => {
            refocusId = missingId;
            await updateOrganisation(org, { listingMissing: Boolean(d.checked) });
            return t(d.checked ? "admin.orgs.listingMissingSet" : "admin.orgs.listingMissingCleared", {
              name,
            });
          })
        }
      />
      <Checkbox
        id={reviewId}
        checked={org.requiresReview}
        label={t("admin.orgs.requiresReview")}
        onChange={(_, d) =>
          run(async () => {
            refocusId = reviewId;
            await updateOrganisation(org, { requiresReview: Boolean(d.checked) });
            return t(d.checked ? "admin.orgs.requiresReviewSet" : "admin.orgs.requiresReviewCleared", {
              name,
            });
          })
        }
      />
      {renaming ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await updateOrganisation(org, { names });
              setRenaming(false);
              return t("admin.orgs.renamed", { name: orgName(names, i18n.language) });
            });
          }}
        >
          <div className={styles.row}>
            {(["fi", "sv", "en"] as const).map((l) => (
              <Field
                key={l}
                className={styles.field}
                label={t(`admin.orgs.name_${l}`)}
                required={l === "fi"}
                validationMessage={errors[`names.${l}`]}
              >
                <Input
                  value={names[l] ?? ""}
                  onChange={(_, d) => setNames((n) => ({ ...n, [l]: d.value }))}
                />
              </Field>
            ))}
            <Button type="submit" appearance="primary">
              {t("admin.orgs.save")}
            </Button>
            <Button onClick={() => setRenaming(false)}>{t("admin.orgs.cancel")}</Button>
          </div>
        </form>
      ) : (
        <div className={styles.row}>
          <Button
            size="small"
            onClick={() => setRenaming(true)}
            aria-label={t("admin.orgs.renameNamed", { name })}
          >
            {t("admin.orgs.rename")}
          </Button>
        </div>
      )}
      <div className={styles.row}>
        <Field
          className={styles.field}
          label={t("admin.orgs.mergeInto", { name })}
          validationMessage={errors.into}
        >
          <Select
            value={into}
            onChange={(_, d) => {
              setInto(d.value);
              setConfirming(false);
            }}
          >
            <option value="">{t("admin.orgs.chooseTarget")}</option>
            <OrgOptions orgs={all.filter((o) => o.id !== org.id)} lang={i18n.language} />
          </Select>
        </Field>
        <Button
          disabled={!into}
          onClick={() => setConfirming(true)}
          aria-label={t("admin.orgs.mergeNamed", { name })}
        >
          {t("admin.orgs.merge")}
        </Button>
      </div>
      {confirming && target && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t("admin.orgs.mergeConfirm", { name, target: orgName(target.names, i18n.language) })}
            <div className={styles.row}>
              <Button
                appearance="primary"
                onClick={() =>
                  run(async () => {
                    const r = await mergeOrganisation(org.id, into);
                    return t("admin.orgs.merged", {
                      name,
                      target: orgName(target.names, i18n.language),
                      entries: r.movedEntries,
                    });
                  })
                }
              >
                {t("admin.orgs.mergeConfirmButton")}
              </Button>
              <Button onClick={() => setConfirming(false)}>{t("admin.orgs.cancel")}</Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
    </li>
  );
}

/** Add, rename and merge organisations; set or clear "listing missing" and review of staff changes. */
export function OrganisationAdmin({ orgs, onChange }: { orgs: OrganisationView[]; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const styles = useAdminStyles();
  const [shortName, setShortName] = useState("");
  const [fi, setFi] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; intent: "success" | "error" }>();
  const announce: Announce = (text, intent = "success") => setMessage({ text, intent });
  const sorted = sortByOrgName(orgs, i18n.language);

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    setErrors({});
    try {
      const { organisation } = await createOrganisation({
        shortName: shortName.trim(),
        names: { fi: fi.trim() },
        type: "other",
        listingMissing: true,
      });
      announce(t("admin.orgs.added", { name: organisation.names.fi }));
      setShortName("");
      setFi("");
      invalidateDirectory();
      onChange();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) setErrors(err.fields);
      else announce(errorMessage(err), "error");
    }
  };

  return (
    <section className={styles.section} aria-labelledby="admin-orgs">
      <h2 id="admin-orgs">{t("admin.orgs.title")}</h2>
      <form onSubmit={add} noValidate aria-labelledby="admin-add-org">
        <h3 id="admin-add-org" className={styles.h3}>
          {t("admin.orgs.addTitle")}
        </h3>
        <div className={styles.row}>
          <Field
            className={styles.field}
            label={t("admin.orgs.shortName")}
            required
            validationMessage={errors.shortName ?? errors.id}
          >
            <Input name="shortName" value={shortName} onChange={(_, d) => setShortName(d.value)} />
          </Field>
          <Field
            className={styles.field}
            label={t("admin.orgs.name_fi")}
            required
            validationMessage={errors["names.fi"]}
          >
            <Input name="nameFi" value={fi} onChange={(_, d) => setFi(d.value)} />
          </Field>
          <Button type="submit" appearance="primary">
            {t("admin.orgs.add")}
          </Button>
        </div>
      </form>
      <div role="status">
        {message && (
          <MessageBar intent={message.intent}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <ul className={styles.list}>
        {sorted.map((o) => (
          <OrgRow key={`${o.id}-${o.etag}`} org={o} all={sorted} announce={announce} onChange={onChange} />
        ))}
      </ul>
    </section>
  );
}
