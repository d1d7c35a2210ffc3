import { useState } from 'react';

interface ConfirmButtonProps {
  label: string;
  /** The question asked before acting, e.g. "Remove level 5?". */
  question: string;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  onConfirm: () => void;
  danger?: boolean;
}

/** A button that asks once, inline, before doing something that cannot be undone. */
export function ConfirmButton(props: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const tone = props.danger ? ' button--danger' : '';
  if (props.busy) {
    return (
      <button className={`button button--small${tone}`} type="button" disabled>
        {props.busyLabel}
      </button>
    );
  }
  if (!asking) {
    return (
      <button className={`button button--small${tone}`} type="button" onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={props.question}>
      <span>{props.question}</span>
      <button
        className={`button button--small${tone || ' button--primary'}`}
        type="button"
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.confirmLabel}
      </button>
      <button className="button button--small" type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
