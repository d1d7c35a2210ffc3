import type { ReactNode } from 'react';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { LoadingNotice } from '../../layout/loading-notice.tsx';
import { NotAvailableNotice } from './not-available-notice.tsx';
import type { Resource } from './use-resource.ts';

interface ResourceViewProps<T> {
  resource: Resource<T> & { reload: () => void };
  loadingLabel: string;
  errorTitle: string;
  /** What is missing when the server has no such endpoint yet (e.g. "The email log"). */
  feature?: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * The loading, error, "not available yet", empty and ready states of one loaded thing. A
 * refresh keeps showing the last data, marked busy, instead of a spinner.
 */
export function ResourceView<T>(props: ResourceViewProps<T>) {
  const { resource } = props;
  if (resource.status === 'error') {
    if (resource.notAvailable && props.feature) return <NotAvailableNotice feature={props.feature} />;
    return <ErrorNotice title={props.errorTitle} message={resource.message} onRetry={resource.reload} />;
  }
  if (resource.data === undefined) return <LoadingNotice label={props.loadingLabel} />;
  const data = resource.data;
  const refreshing = resource.status === 'loading';
  return (
    <div aria-busy={refreshing} className={refreshing ? 'is-refreshing' : undefined}>
      {props.isEmpty?.(data) ? <div className="empty-state">{props.empty}</div> : props.children(data)}
    </div>
  );
}
