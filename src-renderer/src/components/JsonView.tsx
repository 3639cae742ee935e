/** Formatted JSON in a scrollable block (selectable, copyable). */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? 'null';
  } catch {
    text = String(value);
  }
  return (
    <pre className="json-view" tabIndex={0} aria-label={label}>
      <code>{text}</code>
    </pre>
  );
}
