/** An HTTP status with a word beside it, so colour is not the only sign of an error. */
export function StatusBadge({ status, code }: { status: number; code: string | null }) {
  const ok = status < 400;
  return (
    <span className={ok ? 'badge ok' : 'badge failed'}>
      {ok ? 'OK' : 'Error'} {status}
      {code ? ` ${code}` : ''}
    </span>
  );
}
