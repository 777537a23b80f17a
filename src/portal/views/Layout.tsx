import type { ReactNode } from 'react';

export interface PortalFace {
  title: string;
  companyName: string;
  logoUrl: string | null;
}

/** The page frame: the company's logo and the portal's title in a band of its colour, then the content. */
export function Layout({ face, children }: { face: PortalFace | null; children: ReactNode }) {
  return (
    <div className="page">
      <header className="band">
        <div className="band-inner">
          {face?.logoUrl ? <img className="logo" src={face.logoUrl} alt={face.companyName} /> : null}
          <div className="band-text">
            {face ? <p className="company">{face.companyName}</p> : null}
            <p className="portal-title">{face?.title ?? '\u00a0'}</p>
          </div>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

/** A short message in place of the page: not found, closed, failed to load. */
export function Notice({ title, text, action }: { title: string; text: string; action?: ReactNode }) {
  return (
    <section className="card notice" aria-labelledby="notice-title">
      <h1 id="notice-title">{title}</h1>
      <p>{text}</p>
      {action}
    </section>
  );
}
