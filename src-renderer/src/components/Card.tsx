import { useId, type ReactNode } from 'react';

/** A titled panel; the title labels the region for screen readers. */
export function Card({
  title,
  aside,
  children,
  className,
  level = 3,
}: {
  title: string;
  /** Heading level: 2 where the card is a top-level part of its screen. */
  level?: 2 | 3;
  aside?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <section className={`card${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <header className="card-header">
        {level === 2 ? <h2 id={id}>{title}</h2> : <h3 id={id}>{title}</h3>}
        {aside ? <div className="card-aside">{aside}</div> : null}
      </header>
      <div className="card-body">{children}</div>
    </section>
  );
}

/** Label/value pairs in two columns; a missing value says so instead of leaving a gap. */
export function Facts({ children }: { children: ReactNode }) {
  return <dl className="facts">{children}</dl>;
}

export function Fact({
  label,
  children,
  missing = 'Not given',
}: {
  label: string;
  children: ReactNode;
  missing?: string;
}) {
  const empty =
    children === null ||
    children === undefined ||
    children === '' ||
    (Array.isArray(children) && children.length === 0);
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{empty ? <span className="cell-missing">{missing}</span> : children}</dd>
    </div>
  );
}
