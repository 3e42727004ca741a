// A new token or key, shown once: copy it now, it cannot be shown again.
import { useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

export function SecretOnce({ title, secret, onClose }: { title: string; secret: string | null; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={!!secret}
      onOpenChange={(o) => {
        if (!o) {
          setCopied(null);
          onClose();
        }
      }}
    >
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog">
          <Heading slot="title" className="dialog-title">
            {title}
          </Heading>
          <div className="dialog-body">
            <p className="notice" role="note">
              <strong>Copy it now.</strong> This is the only time it is shown: Warden keeps only its hash, and closing this dialog forgets it.
            </p>
            <label htmlFor="secret-once" className="field-hint">
              Secret
            </label>
            <input id="secret-once" className="mono secret" readOnly value={secret ?? ''} onFocus={(e) => e.currentTarget.select()} data-testid="secret-once" />
            <p role="status" aria-live="polite">
              {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not copy: select the text and copy it yourself.' : ''}
            </p>
          </div>
          <div className="dialog-actions">
            <Button className="button" onPress={() => void copy()}>
              Copy to clipboard
            </Button>
            <Button
              className="button button-primary"
              slot="close"
              onPress={() => {
                setCopied(null);
                onClose();
              }}
            >
              I have copied it
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
