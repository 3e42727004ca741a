// A modal that asks "are you sure" and, for changes that go in the audit log, why. Focus moves in,
// stays in, Escape closes, and focus returns to the button that opened it (react-aria-components).
import { useId, useState, type ReactNode } from 'react';
import { Button, Dialog, FieldError, Form, Heading, Label, Modal, ModalOverlay, TextArea, TextField } from 'react-aria-components';
import { ApiErrorMessage } from './States';

export interface ConfirmDialogProps {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** What will happen, in words. */
  children?: ReactNode;
  confirmLabel: string;
  /** `danger` for changes that stop traffic or refuse requests. */
  tone?: 'danger' | 'primary';
  /** Ask for a reason (recorded in the audit log); required unless `reasonOptional`. */
  reason?: { label: string; description?: string; optional?: boolean; placeholder?: string };
  /** Does the change; a thrown error is shown in the dialog and the dialog stays open. */
  onConfirm: (reason: string) => Promise<unknown> | unknown;
}

export function ConfirmDialog({ isOpen, onOpenChange, title, children, confirmLabel, tone = 'primary', reason, onConfirm }: ConfirmDialogProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const descId = useId();

  function close(open: boolean) {
    if (busy) return;
    if (!open) {
      setText('');
      setError(null);
    }
    onOpenChange(open);
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const why = text.trim();
    if (reason && !reason.optional && !why) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm(why);
      setBusy(false);
      setText('');
      onOpenChange(false);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={close} isDismissable={!busy} isKeyboardDismissDisabled={busy}>
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog" aria-describedby={children ? descId : undefined}>
          <Form onSubmit={submit} validationBehavior="aria">
            <Heading slot="title" className="dialog-title">
              {title}
            </Heading>
            {children ? (
              <div id={descId} className="dialog-body">
                {children}
              </div>
            ) : null}
            {reason ? (
              <TextField
                className="field"
                name="reason"
                value={text}
                onChange={setText}
                isRequired={!reason.optional}
                autoFocus
                validate={(v) => (!reason.optional && !v.trim() ? 'Give a reason: it is kept in the audit log.' : null)}
              >
                <Label>
                  {reason.label}
                  {reason.optional ? ' (optional)' : null}
                </Label>
                <TextArea rows={3} placeholder={reason.placeholder} />
                {reason.description ? <p className="field-hint">{reason.description}</p> : null}
                <FieldError className="field-error" />
              </TextField>
            ) : null}
            {error ? <ApiErrorMessage error={error} title="Not done" /> : null}
            <div className="dialog-actions">
              <Button className="button" onPress={() => close(false)} isDisabled={busy}>
                Cancel
              </Button>
              <Button
                type="submit"
                className={`button ${tone === 'danger' ? 'button-danger' : 'button-primary'}`}
                isDisabled={busy || (!!reason && !reason.optional && !text.trim())}
                autoFocus={!reason}
              >
                {busy ? 'Working…' : confirmLabel}
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
