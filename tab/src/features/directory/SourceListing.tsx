import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ListingSource } from "@dialogi/contracts";
import { formatDate } from "../../platform/lib/format";
import { RequestAccess } from "../admin";

const useStyles = makeStyles({
  section: {
    marginTop: tokens.spacingVerticalXXL,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  h2: { fontSize: tokens.fontSizeBase500, marginTop: 0 },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  access: { marginTop: tokens.spacingVerticalXXL },
});

/** The listing the organisation's entries were imported from: its heading, date, introduction and notes. */
export function SourceListing({ source }: { source: ListingSource }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby="source-listing">
      <h2 id="source-listing" className={styles.h2}>
        {t("org.source.title")}
      </h2>
      <p lang="fi">
        <strong>{source.title}</strong>
      </p>
      {source.date && (
        <p className={styles.meta}>
          {t("org.source.date", { date: formatDate(source.date, i18n.language) })}
        </p>
      )}
      {source.intro.map((p, i) => (
        <p key={`i${i}`} lang="fi">
          {p}
        </p>
      ))}
      {source.notes.length > 0 && (
        <>
          <h3>{t("org.source.notes")}</h3>
          {source.notes.map((p, i) => (
            <p key={`n${i}`} lang="fi">
              {p}
            </p>
          ))}
        </>
      )}
    </section>
  );
}

/** For signed-in people without rights to the organisation: ask for them (opens the request). */
export function OrgAccess({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <div className={styles.access}>
      {open ? (
        <RequestAccess orgId={orgId} />
      ) : (
        <Button appearance="subtle" onClick={() => setOpen(true)}>
          {t("access.offer")}
        </Button>
      )}
    </div>
  );
}
