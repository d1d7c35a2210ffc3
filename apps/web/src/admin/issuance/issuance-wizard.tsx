import { useReducer } from 'react';
import { queryKeys } from '../../api/query-keys.ts';
import { useAdminApi } from '../admin-context.tsx';
import { ResourceView } from '../common/resource-view.tsx';
import { useResource } from '../common/use-resource.ts';
import { IssueStep } from './issue-step.tsx';
import { PickBadgesStep } from './pick-badges-step.tsx';
import { PreviewView } from './preview-view.tsx';
import { RecipientsStep } from './recipients-step.tsx';
import { initialWizard, recipientsOf, wizardReducer, wizardSteps, type WizardState } from './wizard-state.ts';

function Steps({ current }: { current: WizardState['step'] }) {
  const index = wizardSteps.findIndex((s) => s.step === current);
  return (
    <ol className="wizard-steps" aria-label="Steps">
      {wizardSteps.map((s, i) => (
        <li
          key={s.step}
          className={i === index ? 'is-current' : i < index ? 'is-done' : undefined}
          aria-current={i === index ? 'step' : undefined}
        >
          <span className="wizard-steps__n">{i + 1}</span> {s.label}
        </li>
      ))}
    </ol>
  );
}

/** Badges → recipients → preview (server-checked) → sign and issue. */
export function IssuanceWizard({ initialBadgeIds }: { initialBadgeIds: string[] }) {
  const api = useAdminApi();
  const [state, dispatch] = useReducer(wizardReducer, initialBadgeIds, initialWizard);
  const previewing = state.step === 'preview' || state.step === 'issue';
  // The preview is asked for when the admin reaches it, and again whenever the inputs change.
  const { badgeIds } = state;
  const recipients = recipientsOf(state);
  const preview = useResource(
    queryKeys.admin.issuance.preview({
      badgeIds: badgeIds.join(','),
      recipients: JSON.stringify(recipients),
    }),
    () => api.badges.previewIssuance({ badgeIds, recipients, signingMode: 'server' }),
    { enabled: previewing },
  );

  return (
    <section className="card wizard" aria-labelledby="wizard-title">
      <h2 id="wizard-title">New issuance</h2>
      <Steps current={state.step} />
      {state.step === 'badges' && <PickBadgesStep state={state} dispatch={dispatch} />}
      {state.step === 'recipients' && <RecipientsStep state={state} dispatch={dispatch} />}
      {previewing && (
        <ResourceView
          resource={preview}
          feature="Badge issuance"
          loadingLabel="Checking the roster and estimating the cost…"
          errorTitle="The preview failed"
        >
          {(data) =>
            state.step === 'preview' ? (
              <fieldset className="step">
                <legend>Preview</legend>
                <PreviewView preview={data} pickedIds={new Set(state.users.map((u) => u.id))} />
                <div className="step__nav">
                  <button
                    className="button"
                    type="button"
                    onClick={() => dispatch({ type: 'go', step: 'recipients' })}
                  >
                    Back
                  </button>
                  <button
                    className="button button--primary"
                    type="button"
                    disabled={data.summary.issuances === 0 || preview.status !== 'ready'}
                    onClick={() => dispatch({ type: 'go', step: 'issue' })}
                  >
                    Next: sign and issue
                  </button>
                </div>
              </fieldset>
            ) : (
              <IssueStep state={state} preview={data} dispatch={dispatch} />
            )
          }
        </ResourceView>
      )}
      {previewing && preview.status === 'error' && (
        <div className="step__nav">
          <button
            className="button"
            type="button"
            onClick={() => dispatch({ type: 'go', step: 'recipients' })}
          >
            Back to recipients
          </button>
        </div>
      )}
    </section>
  );
}
