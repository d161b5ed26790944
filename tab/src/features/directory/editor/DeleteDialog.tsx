import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

/**
 * Confirms a delete; the destructive button is not the default focus. Kept mounted and
 * toggled with `open`: unmounting an open Fluent dialog leaves the page aria-hidden.
 */
export function DeleteDialog({
  open,
  title,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t("delete.title")}</DialogTitle>
          <DialogContent>{t("delete.text", { title })}</DialogContent>
          <DialogActions>
            <Button onClick={onCancel}>{t("actions.cancel")}</Button>
            <Button appearance="primary" onClick={onConfirm} disabled={busy}>
              {busy ? t("delete.deleting") : t("delete.confirm")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
