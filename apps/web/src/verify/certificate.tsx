import { useState, type ReactNode } from 'react';
import { imageSrc } from '../app-center/format.ts';

export interface CertificateFact {
  label: string;
  value: ReactNode;
}

interface CertificateProps {
  /** What kind of thing this is ("Level NFT", "Badge"), above the title. */
  kind: string;
  title: string;
  description?: string | null;
  imageUrl: string | null;
  imageAlt: string;
  /** The verdict: verified on chain, recorded by the issuer, or why not. */
  result: ReactNode;
  facts: CertificateFact[];
  /** A revoked or expired badge: the art is greyed and stamped, so no one takes it for a live one. */
  standing?: 'valid' | 'revoked' | 'expired';
}

const stampText = { revoked: 'Revoked', expired: 'Expired' } as const;

/** The top of a verification page: the artwork beside what it is, the verdict and the facts. */
export function Certificate({
  kind,
  title,
  description,
  imageUrl,
  imageAlt,
  result,
  facts,
  standing = 'valid',
}: CertificateProps) {
  const src = imageSrc(imageUrl);
  const [failed, setFailed] = useState(false);
  return (
    <article className={`card certificate certificate--${standing}`} aria-labelledby="certificate-title">
      <div className="certificate__art">
        {standing !== 'valid' && (
          <span className="certificate__stamp" aria-hidden="true">
            {stampText[standing]}
          </span>
        )}
        {src && !failed ? (
          <img src={src} alt={imageAlt} width={240} height={240} onError={() => setFailed(true)} />
        ) : (
          <div className="certificate__no-art" role="img" aria-label={imageAlt}>
            {title.slice(0, 1).toUpperCase()}
          </div>
        )}
      </div>
      <div className="certificate__body">
        <p className="certificate__kind">{kind}</p>
        <h1 id="certificate-title">{title}</h1>
        {description && <p className="certificate__description">{description}</p>}
        {result}
        <dl className="certificate__facts">
          {facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </article>
  );
}
