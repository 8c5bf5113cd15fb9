// The one way to tell the reader an action worked ("Saved", "Invitation sent"): a polite live
// region, so screen readers announce it. Errors go through FormErrors (forms.tsx) instead.
export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-green-900">
      {children}
    </p>
  );
}
