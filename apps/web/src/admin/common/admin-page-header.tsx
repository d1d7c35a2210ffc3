import type { ReactNode } from 'react';
import { useDocumentTitle } from '../../layout/use-document-title.ts';

interface AdminPageHeaderProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}

/** Title (also the tab title), one line on what the page is for, and page-wide actions. */
export function AdminPageHeader({ title, description, actions }: AdminPageHeaderProps) {
  useDocumentTitle(`${title} · Admin`);
  return (
    <header className="admin-page__header">
      <div>
        <h1>{title}</h1>
        {description && <p className="muted">{description}</p>}
      </div>
      {actions && <div className="admin-page__actions">{actions}</div>}
    </header>
  );
}
