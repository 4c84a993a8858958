/** An error the gateway answered, shown where the data would have been. */
export function ErrorNotice({ error }: { error: Error }) {
  return (
    <p role="alert" className="error">
      {error.message}
    </p>
  );
}
