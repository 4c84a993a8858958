import type { ReactNode } from 'react';

/**
 * A table's frame, which scrolls sideways when the screen is narrower than the table. It is a named
 * region that takes focus, so a keyboard user can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that may scroll must be reachable by keyboard.
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
